/**
 * Trains the digit classifier on a dataset's train split (seeded shuffles, Adam, cross-entropy) and scores it on
 * the test split. Yields between batches so a caller can report progress.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../pure/data/types.js';
import { buildClassifier } from '../model/classifier.js';
import { seededPermutation } from '../pure/data/random.js';
import { classifyImages } from '../latent/classify.js';

export interface ClassifierTraining {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Train on the first `limit` train images (all when absent). */
  limit?: number;
  onEpoch?: (epoch: number, loss: number, seconds: number) => void;
}

export interface TrainedClassifier {
  model: tf.LayersModel;
  testAccuracy: number;
  losses: number[];
}

export async function trainClassifier(data: Dataset, opts: ClassifierTraining): Promise<TrainedClassifier> {
  const classes = data.classNames.length;
  const model = buildClassifier(classes, opts.seed);
  const optimizer = tf.train.adam(opts.learningRate);
  const n = Math.min(opts.limit ?? data.train.count, data.train.count);
  const losses: number[] = [];
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const started = Date.now();
    const order = seededPermutation(n, opts.seed + epoch);
    let sum = 0;
    let batches = 0;
    for (let s = 0; s < n; s += opts.batchSize) {
      const rows = Math.min(opts.batchSize, n - s);
      const xs = new Float32Array(rows * 784);
      const ys = new Int32Array(rows);
      for (let r = 0; r < rows; r++) {
        const k = order[s + r]!;
        for (let p = 0; p < 784; p++) xs[r * 784 + p] = data.train.images[k * 784 + p]! / 255;
        ys[r] = data.train.labels[k]!;
      }
      const x = tf.tensor2d(xs, [rows, 784]);
      const y = tf.oneHot(tf.tensor1d(ys, 'int32'), classes);
      const cost = optimizer.minimize(
        () => tf.mean(tf.metrics.categoricalCrossentropy(y, model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar,
        true,
      )!;
      sum += cost.dataSync()[0]!;
      batches++;
      tf.dispose([x, y, cost]);
      if (batches % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    losses.push(sum / batches);
    opts.onEpoch?.(epoch, sum / batches, (Date.now() - started) / 1000);
  }
  optimizer.dispose();
  const { labels } = classifyImages(model, data.test.images.subarray(0, data.test.count * 784), data.test.count);
  let right = 0;
  for (let i = 0; i < data.test.count; i++) if (labels[i] === data.test.labels[i]) right++;
  return { model, testAccuracy: right / data.test.count, losses };
}
