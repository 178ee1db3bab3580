/**
 * Paths through latent space between any points (dataset codes, clicked points, drawn digits), through several
 * waypoints, and traversals that vary one coordinate. Pure: the page builds paths and the engine decodes them.
 */
import { lerpCodes, slerpCodes } from './interpolate.js';

export type PathMode = 'linear' | 'spherical';

/**
 * A path through `k` waypoints (`k * d` floats): each leg from waypoint i to i + 1 has `stepsPerLeg` points
 * (both ends included), linear or spherical, and consecutive legs share their joint once.
 * @returns `((k - 1) * (stepsPerLeg - 1) + 1) * d` floats; the first row is waypoint 0, the last waypoint k - 1,
 *   and row `i * (stepsPerLeg - 1)` is waypoint i.
 */
export function pathThrough(waypoints: Float32Array, d: number, stepsPerLeg: number, mode: PathMode): Float32Array<ArrayBuffer> {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be a positive integer, got ${d}`);
  if (waypoints.length % d !== 0) throw new RangeError(`waypoints length ${waypoints.length} is not a multiple of d = ${d}`);
  const k = waypoints.length / d;
  if (k < 2) throw new RangeError(`a path needs at least two waypoints, got ${k}`);
  const leg = mode === 'spherical' ? slerpCodes : lerpCodes;
  const perLeg = stepsPerLeg - 1;
  const out = new Float32Array(((k - 1) * perLeg + 1) * d);
  for (let i = 0; i < k - 1; i++) {
    const part = leg(waypoints.subarray(i * d, (i + 1) * d), waypoints.subarray((i + 1) * d, (i + 2) * d), stepsPerLeg);
    out.set(part, i * perLeg * d);
  }
  return out;
}

/** Fractions along a path of `points` points: 0 at the first, 1 at the last. */
export function pathPointCount(waypoints: number, stepsPerLeg: number): number {
  return (waypoints - 1) * (stepsPerLeg - 1) + 1;
}

/**
 * A traversal strip: `code` repeated once per value with coordinate `j` set to `center[j] + value`, every other
 * coordinate left as it is.
 * @returns `values.length * d` floats.
 */
export function traversal(code: ArrayLike<number>, j: number, offsets: readonly number[]): Float32Array<ArrayBuffer> {
  const d = code.length;
  if (!Number.isInteger(j) || j < 0 || j >= d) throw new RangeError(`dimension ${j} is outside 0..${d - 1}`);
  const out = new Float32Array(offsets.length * d);
  offsets.forEach((v, row) => {
    out.set(Array.from(code), row * d);
    out[row * d + j] = code[j]! + v;
  });
  return out;
}

/** `count` evenly spaced offsets from `-span` to `+span` (count >= 2). */
export function symmetricOffsets(span: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`count must be an integer >= 2, got ${count}`);
  return Array.from({ length: count }, (_, i) => -span + (2 * span * i) / (count - 1));
}
