/**
 * Pure helpers of the teaching requests: corrupting an image as a denoising lesson does, per-class means of a
 * reconstruction report, the 99.5th percentile of |w| a kernel colour scale ends at, and the linear map a stack
 * of dense kernels composes to. No tensors, no I/O.
 */
import { IMAGE_PIXELS, PATCH_GREY, type Corruption } from '../api/api.js';
import { mulberry32 } from '../data/random.js';

/**
 * Corrupts one byte image: dropout zeroes each pixel with probability `level`; gaussian adds N(0, level) on 0..1
 * pixels (clipped, rounded); then pixels where `mask` is non-zero become a grey patch. Seeded, so it repeats.
 * @returns a new 784-byte image; the input is not changed.
 */
export function corruptImage(image: Uint8Array, kind: Corruption, level: number, seed: number, mask?: Uint8Array): Uint8Array {
  const random = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const out = new Uint8Array(IMAGE_PIXELS);
  for (let p = 0; p < IMAGE_PIXELS; p++) {
    let v = image[p]!;
    if (kind === 'dropout') {
      if (random() < level) v = 0;
    } else if (kind === 'gaussian') {
      // Box-Muller with one draw per pixel: the cosine branch only, so each pixel uses exactly two numbers.
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      v = Math.max(0, Math.min(255, Math.round(v + z * level * 255)));
    }
    out[p] = mask && mask[p] ? PATCH_GREY : v;
  }
  return out;
}

/** Mean squared difference of two byte images on 0..1 pixels. */
export function byteMse(a: Uint8Array, b: Uint8Array): number {
  let s = 0;
  for (let p = 0; p < a.length; p++) {
    const d = (a[p]! - b[p]!) / 255;
    s += d * d;
  }
  return s / a.length;
}

/** Mean error per class (NaN where a class has no sample) and the count per class. */
export function classMeans(
  errors: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): { means: Float32Array; counts: Uint32Array } {
  const sums = new Float64Array(classes);
  const counts = new Uint32Array(classes);
  for (let i = 0; i < errors.length; i++) {
    const c = labels[i]!;
    if (c >= classes) continue;
    sums[c]! += errors[i]!;
    counts[c]!++;
  }
  return { means: Float32Array.from(sums, (s, c) => (counts[c] ? s / counts[c]! : NaN)), counts };
}

/** The `q` quantile (0..1) of |values|, by sorting a copy; `fallback` for an empty or all-zero array. */
export function absQuantile(values: ArrayLike<number>, q: number, fallback = 1e-6): number {
  if (values.length === 0) return fallback;
  const a = Float64Array.from(values, Math.abs).sort();
  const pos = (a.length - 1) * q;
  const lo = Math.floor(pos);
  const v = a[lo]! + (a[Math.min(a.length - 1, lo + 1)]! - a[lo]!) * (pos - lo);
  return v > 0 ? v : fallback;
}

/** Units `offset..offset+count-1` of a `[inputs, units]` row-major kernel, each as its `inputs` weights in a row. */
export function kernelRows(weights: ArrayLike<number>, inputs: number, units: number, offset: number, count: number): Float32Array {
  const out = new Float32Array(count * inputs);
  for (let i = 0; i < count; i++) for (let p = 0; p < inputs; p++) out[i * inputs + p] = weights[p * units + offset + i]!;
  return out;
}

/** Product `a (r x m) . b (m x c)` of row-major matrices. */
export function matMul(a: ArrayLike<number>, b: ArrayLike<number>, r: number, m: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++)
    for (let t = 0; t < m; t++) {
      const w = a[i * m + t]!;
      if (w === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j]! += w * b[t * c + j]!;
    }
  return out;
}
