/**
 * Turns the lab's waypoints into a decoded free path: the waypoints' codes (samples from the engine, points and
 * drawings as placed), the path through them, its decodes, and the pixel blend of the two end images.
 */
import type { ExplorerApi } from '../../../src/pure/api/api.js';
import { crossFade } from '../../../src/pure/latent/interpolate.js';
import { pathThrough, type PathMode } from '../../../src/pure/latent/free-path.js';
import type { Waypoint } from '../../state/lab.svelte.js';

export interface FreePath {
  /** `points * d` codes along the path. */
  codes: Float32Array;
  /** `points * 784` decodes of `codes`. */
  latent: Uint8Array;
  /** `points * 784` pixel blends of the first and last waypoint's images. */
  pixel: Uint8Array;
  points: number;
  /** The waypoints' codes, `k * d`. */
  waypoints: Float32Array;
}

/** Codes of the waypoints, `k * d` floats, asking the engine for the samples' codes in one request. */
export async function waypointCodes(
  api: ExplorerApi,
  runId: string,
  wps: readonly Waypoint[],
  d: number,
): Promise<Float32Array<ArrayBuffer>> {
  const samples = wps.flatMap((w) => (w.kind === 'sample' ? [w.index] : []));
  const got = samples.length ? (await api.latentCodes({ indices: Uint32Array.from(samples), runId })).codes : new Float32Array(0);
  const out = new Float32Array(wps.length * d);
  let s = 0;
  wps.forEach((w, i) => out.set(w.kind === 'sample' ? got.subarray(s * d, ++s * d) : w.code.slice(0, d), i * d));
  return out;
}

/** The image a waypoint stands for: the sample, the drawing, or (for a point) its decode. */
async function endImage(api: ExplorerApi, runId: string, w: Waypoint, code: Float32Array<ArrayBuffer>): Promise<Uint8Array> {
  if (w.kind === 'sample') return (await api.images({ indices: Uint32Array.of(w.index) })).images;
  if (w.kind === 'drawn') return Uint8Array.from(w.image);
  return (await api.decodeLatent({ codes: code, runId })).images;
}

export async function resolvePath(
  api: ExplorerApi,
  runId: string,
  wps: readonly Waypoint[],
  d: number,
  stepsPerLeg: number,
  mode: PathMode,
): Promise<FreePath> {
  const waypoints = await waypointCodes(api, runId, wps, d);
  const codes = pathThrough(waypoints, d, stepsPerLeg, mode);
  const points = codes.length / d;
  const last = wps.length - 1;
  const [latent, a, b] = await Promise.all([
    api.decodeLatent({ codes, runId }).then((r) => r.images),
    endImage(api, runId, wps[0]!, waypoints.subarray(0, d)),
    endImage(api, runId, wps[last]!, waypoints.subarray(last * d)),
  ]);
  return { codes, latent, pixel: crossFade(a, b, points), points, waypoints };
}
