/** Loss of a model over a whole image set, in chunks, without training behaviour (no noise, no sampling). */
import * as tf from '@tensorflow/tfjs';
import { fillRange, pixelsOf } from '../pure/data/batches.js';
import type { ImageSet } from '../pure/data/types.js';
import type { Autoencoder } from '../model/types.js';

/** Images per forward pass when evaluating. */
const CHUNK = 1000;

/** Mean per-image loss over the first `limit` images of `set` (all by default). */
export function evaluateLoss(ae: Autoencoder, set: ImageSet, limit = set.count): number {
  const count = Math.min(limit, set.count);
  if (count === 0) return Number.NaN;
  const pixels = pixelsOf(set);
  const buffer = new Float32Array(Math.min(CHUNK, count) * pixels);
  let total = 0;
  for (let start = 0; start < count; start += CHUNK) {
    const rows = Math.min(CHUNK, count - start);
    const x = tf.tensor2d(fillRange(set, start, rows, buffer), [rows, pixels]);
    const loss = ae.loss(x, false);
    total += loss.dataSync()[0]! * rows;
    tf.dispose([x, loss]);
  }
  return total / count;
}
