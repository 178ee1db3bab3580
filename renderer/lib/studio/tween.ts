/**
 * The live scatter's motion: the training streams new codes for a fixed subset of samples, and each point
 * glides from where it was to where it is now, so the user sees clusters form rather than jump. Pure.
 */
import type { Embedding } from '../../../src/pure/api/api.js';

/** Positions of the subset the studio shows: `x`, `y`, `labels` aligned, plus which dataset images they are. */
export interface Frame {
  x: Float32Array;
  y: Float32Array;
  labels: Uint8Array;
  indices: Uint32Array;
}

/** Points the studio draws at most: the engine re-encodes a fixed subset of this size. */
export const SUBSET = 5_000;

/**
 * The subset's positions from an embedding update: a partial update is the subset already; a full embedding
 * is cut down to `keep` (the subset of an earlier update) or, before any, to an even stride of at most SUBSET.
 */
export function toFrame(e: Pick<Embedding, 'x' | 'y' | 'labels'> & { indices?: Uint32Array }, keep: Uint32Array | null): Frame {
  if (e.indices)
    return { x: e.x, y: e.y, labels: e.labels.length === e.x.length ? e.labels : gatherBytes(e.labels, e.indices), indices: e.indices };
  const indices = keep ?? strided(e.x.length, SUBSET);
  const x = new Float32Array(indices.length),
    y = new Float32Array(indices.length);
  indices.forEach((i, k) => {
    x[k] = e.x[i] ?? NaN;
    y[k] = e.y[i] ?? NaN;
  });
  return { x, y, labels: gatherBytes(e.labels, indices), indices };
}

function gatherBytes(all: Uint8Array, indices: Uint32Array): Uint8Array {
  return Uint8Array.from(indices, (i) => all[i] ?? 0);
}

/** `count` evenly spread indices of `0..n-1` (all of them when n <= count). */
export function strided(n: number, count: number): Uint32Array {
  if (n <= count) return Uint32Array.from({ length: n }, (_, i) => i);
  return Uint32Array.from({ length: count }, (_, k) => Math.floor((k * n) / count));
}

/** Cubic ease in-out on 0..1. */
export function ease(t: number): number {
  const u = Math.min(1, Math.max(0, t));
  return u < 0.5 ? 4 * u * u * u : 1 - (-2 * u + 2) ** 3 / 2;
}

/**
 * Positions between `from` and `to` at eased time `t` (0..1), written into `out` (new arrays when absent).
 * Points new in `to` (no previous position, different length) appear at their target.
 */
export function blend(
  from: Frame | null,
  to: Frame,
  t: number,
  out?: { x: Float32Array; y: Float32Array },
): { x: Float32Array; y: Float32Array } {
  const n = to.x.length;
  const x = out?.x.length === n ? out.x : new Float32Array(n);
  const y = out?.y.length === n ? out.y : new Float32Array(n);
  const s = ease(t);
  const same = from !== null && sameIndices(from.indices, to.indices);
  for (let i = 0; i < n; i++) {
    const x0 = same ? from.x[i]! : to.x[i]!,
      y0 = same ? from.y[i]! : to.y[i]!;
    x[i] = x0 + (to.x[i]! - x0) * s;
    y[i] = y0 + (to.y[i]! - y0) * s;
  }
  return { x, y };
}

/** Whether two frames show the same samples in the same order (then their points can glide). */
export function sameIndices(a: Uint32Array, b: Uint32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
