/** Turning byte images into float batches without allocating per batch. */
import { seededPermutation } from './random.js';
import type { ImageSet } from './types.js';

const INV_255 = 1 / 255;

/** Pixels per image of a set. */
export function pixelsOf(set: ImageSet): number {
  return set.rows * set.cols;
}

/**
 * Writes images `indices` of `set` as floats in 0..1 into `out` (row after row), returning the filled prefix.
 * `out` must hold at least `indices.length * pixels` floats; it is reused across batches.
 */
export function fillBatch(set: ImageSet, indices: ArrayLike<number>, out: Float32Array): Float32Array {
  const pixels = pixelsOf(set);
  const n = indices.length;
  if (out.length < n * pixels) throw new RangeError(`batch buffer holds ${out.length} floats, needs ${n * pixels}`);
  const src = set.images;
  for (let r = 0; r < n; r++) {
    const from = indices[r]! * pixels;
    const to = r * pixels;
    for (let p = 0; p < pixels; p++) out[to + p] = src[from + p]! * INV_255;
  }
  return out.subarray(0, n * pixels);
}

/** Writes the contiguous images `[start, start + count)` as floats in 0..1 into `out`. */
export function fillRange(set: ImageSet, start: number, count: number, out: Float32Array): Float32Array {
  const pixels = pixelsOf(set);
  const src = set.images.subarray(start * pixels, (start + count) * pixels);
  if (out.length < src.length) throw new RangeError(`batch buffer holds ${out.length} floats, needs ${src.length}`);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! * INV_255;
  return out.subarray(0, src.length);
}

/** The first `count` images of a set, sharing its bytes (a view, not a copy). */
export function sliceSet(set: ImageSet, count: number): ImageSet {
  const n = Math.min(count, set.count);
  return { ...set, images: set.images.subarray(0, n * pixelsOf(set)), labels: set.labels.subarray(0, n), count: n };
}

/**
 * The order in which one epoch visits the training images: a permutation seeded by the run's seed and the
 * epoch, so a given (seed, epoch) always gives the same batches.
 */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  return seededPermutation(count, (seed * 1_000_003 + epoch * 7919) >>> 0);
}

/** Mean image of a set: `rows * cols` floats in 0..1. */
export function meanImage(set: ImageSet): Float32Array {
  const pixels = pixelsOf(set);
  const sums = new Float64Array(pixels);
  const src = set.images;
  for (let r = 0; r < set.count; r++) {
    const base = r * pixels;
    for (let p = 0; p < pixels; p++) sums[p] += src[base + p]!;
  }
  const mean = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) mean[p] = sums[p]! / (255 * Math.max(1, set.count));
  return mean;
}
