import * as tf from '@tensorflow/tfjs';
import { DEFAULT_BATCH, PIXELS, forEachImageBatch, toBytes } from './batching.js';

/** Clamp for log() in BCE, as Keras does. */
const EPSILON = 1e-7;

/**
 * Per-image reconstruction error: the loss between each image (0..1) and its decode(encode(image)), averaged
 * over the 784 pixels. `bce` is binary cross-entropy in nats, `mse` the mean squared error on 0..1 pixels.
 * @param reconstructions when given (`count * 784` bytes), receives the reconstructions themselves, so a caller
 *   that shows them and their errors runs the model once.
 * @returns `count` floats.
 */
export function reconstructionErrors(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  images: Uint8Array,
  count: number,
  loss: 'bce' | 'mse',
  batchSize = DEFAULT_BATCH,
  reconstructions?: Uint8Array,
): Float32Array {
  const errors = new Float32Array(count);
  forEachImageBatch(images, count, batchSize, (x, start) => {
    const { y, e } = tf.tidy(() => {
      const y = decoder.apply(encoder.apply(x, { training: false }), { training: false }) as tf.Tensor;
      if (loss === 'mse') return { y, e: tf.mean(tf.squaredDifference(x, y), 1) };
      const p = tf.clipByValue(y, EPSILON, 1 - EPSILON);
      return { y, e: tf.neg(tf.mean(tf.add(tf.mul(x, tf.log(p)), tf.mul(tf.sub(1, x), tf.log(tf.sub(1, p)))), 1)) };
    });
    try {
      errors.set(e.dataSync() as Float32Array, start);
      if (reconstructions) toBytes(y.dataSync() as Float32Array, reconstructions, start * PIXELS);
    } finally {
      tf.dispose([y, e]);
    }
  });
  return errors;
}
