/**
 * Batched inference over byte images without one big tensor: on wasm, slicing a large tensor copies the whole
 * source out of the heap on every call (predict over 70k with `batchSize` took ~10 s), so each batch tensor is
 * built from a reused Float32Array instead, and results are read with `dataSync` outside any `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS } from '../pure/data/image.js';

/** Pixels per image (28x28). */
export const PIXELS = IMAGE_PIXELS;

/** Rows per inference batch: large enough for XNNPACK to run near its peak, small enough to stay cache-friendly. */
export const DEFAULT_BATCH = 2048;

/** The width of a model's (single) output, e.g. the latent size d of an encoder. */
export function outputWidth(model: tf.LayersModel): number {
  const shape = model.outputs[0]!.shape;
  const width = shape[shape.length - 1];
  if (typeof width !== 'number') throw new Error(`model ${model.name} has no fixed output width`);
  return width;
}

/**
 * Calls `use(x, start, rows)` for consecutive batches of `count` byte images scaled to 0..1 (`x` is
 * `[rows, 784]`, disposed after the call). Whatever `use` allocates it must dispose or read itself.
 */
export function forEachImageBatch(
  images: Uint8Array,
  count: number,
  batchSize: number,
  use: (x: tf.Tensor2D, start: number, rows: number) => void,
  /** Multiplies every pixel (e.g. 2 for inputs masked as a dropout layer with rescale does). */
  scale = 1,
): void {
  if (images.length < count * PIXELS) throw new RangeError(`need ${count * PIXELS} pixel bytes, got ${images.length}`);
  const buffer = new Float32Array(Math.min(batchSize, count) * PIXELS);
  for (let start = 0; start < count; start += batchSize) {
    const rows = Math.min(batchSize, count - start);
    const size = rows * PIXELS;
    const src = images.subarray(start * PIXELS, start * PIXELS + size);
    const k = scale / 255;
    for (let i = 0; i < size; i++) buffer[i] = src[i]! * k;
    const x = tf.tensor2d(buffer.subarray(0, size), [rows, PIXELS]);
    try {
      use(x, start, rows);
    } finally {
      x.dispose();
    }
  }
}

/** Runs `model` on `x` in inference mode and copies its output into `out` at row `start` (`width` values per row). */
export function applyInto(model: tf.LayersModel, x: tf.Tensor, out: Float32Array, start: number, width: number): void {
  const y = tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
  try {
    out.set(y.dataSync() as Float32Array, start * width);
  } finally {
    y.dispose();
  }
}

/** 0..1 floats to bytes, rounded and clamped. */
export function toBytes(values: Float32Array, out: Uint8Array = new Uint8Array(values.length), offset = 0): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i]! * 255);
    out[offset + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
