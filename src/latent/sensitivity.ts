/**
 * How strongly an encoder's code responds to each input pixel: the squared norm of each column of the Jacobian
 * dz/dx, averaged over images. Built with one backward pass per code unit (d passes over the batch), which works
 * for every architecture on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { PIXELS, outputWidth } from './batching.js';

/**
 * @param images `count * 784` bytes.
 * @returns `map` (784 floats: mean over images of sum_j (dz_j/dx_i)^2, pixels in 0..1) and its sum, the mean
 *   squared Frobenius norm of the Jacobian.
 */
export function codeSensitivity(encoder: tf.LayersModel, images: Uint8Array, count: number): { map: Float32Array; frobenius: number } {
  const d = outputWidth(encoder);
  const sums = new Float64Array(PIXELS);
  const x = tf.tensor2d(
    Float32Array.from(images.subarray(0, count * PIXELS), (v) => v / 255),
    [count, PIXELS],
  );
  try {
    for (let j = 0; j < d; j++) {
      const column = tf.tidy(() => {
        const unit = (input: tf.Tensor) => tf.sum(tf.slice(encoder.apply(input, { training: false }) as tf.Tensor2D, [0, j], [-1, 1]));
        return tf.sum(tf.square(tf.grad(unit)(x)), 0);
      });
      const values = column.dataSync();
      column.dispose();
      for (let p = 0; p < PIXELS; p++) sums[p] += values[p]!;
    }
  } finally {
    x.dispose();
  }
  const map = Float32Array.from(sums, (s) => s / count);
  return { map, frobenius: map.reduce((a, b) => a + b, 0) };
}
