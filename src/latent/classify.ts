/** A classifier's predictions on byte images: the most likely class and its probability, per image. */
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from './batching.js';

const BATCH = 1024;

export function classifyImages(model: tf.LayersModel, images: Uint8Array, count: number): { labels: Uint8Array; confidence: Float32Array } {
  const labels = new Uint8Array(count);
  const confidence = new Float32Array(count);
  for (let s = 0; s < count; s += BATCH) {
    const rows = Math.min(BATCH, count - s);
    const [arg, max] = tf.tidy(() => {
      const x = tf.div(tf.tensor2d(images.subarray(s * PIXELS, (s + rows) * PIXELS), [rows, PIXELS], 'float32'), 255);
      const p = model.apply(x, { training: false }) as tf.Tensor2D;
      return [tf.argMax(p, 1), tf.max(p, 1)];
    });
    labels.set(arg.dataSync() as Int32Array, s);
    confidence.set(max.dataSync() as Float32Array, s);
    tf.dispose([arg, max]);
  }
  return { labels, confidence };
}
