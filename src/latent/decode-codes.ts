import * as tf from '@tensorflow/tfjs';
import { DEFAULT_BATCH, PIXELS, toBytes } from './batching.js';

/**
 * Decodes latent points to images.
 * @param codes `n * d` floats, row-major.
 * @returns `n * 784` bytes (0..255), one 28x28 image per point.
 */
export function decodeCodes(decoder: tf.LayersModel, codes: Float32Array, d: number, batchSize = DEFAULT_BATCH): Uint8Array {
  if (codes.length % d !== 0) throw new RangeError(`codes length ${codes.length} is not a multiple of d = ${d}`);
  const n = codes.length / d;
  const images = new Uint8Array(n * PIXELS);
  for (let start = 0; start < n; start += batchSize) {
    const rows = Math.min(batchSize, n - start);
    // tensor2d copies the values, so a subarray view of the caller's codes is safe and never mutated.
    const z = tf.tensor2d(codes.subarray(start * d, (start + rows) * d), [rows, d]);
    const y = tf.tidy(() => decoder.apply(z, { training: false }) as tf.Tensor);
    try {
      toBytes(y.dataSync() as Float32Array, images, start * PIXELS);
    } finally {
      tf.dispose([z, y]);
    }
  }
  return images;
}
