/**
 * k-NN accuracy by brute force on the backend (distances as one matrix product per block of test codes), for
 * codes too wide for a k-d tree: above a few dozen dimensions a tree prunes nothing and scans every point in JS,
 * which for 10,000 x 60,000 codes of 500 dimensions takes many minutes; the matrix product takes seconds.
 */
import * as tf from '@tensorflow/tfjs';
import { vote } from '../pure/latent/knn.js';

/** Code widths from which {@link knnAccuracyBrute} is used instead of the k-d tree. */
export const BRUTE_FORCE_FROM = 24;

/** Fraction of test codes whose k nearest train codes (squared Euclidean) vote for their own label. */
export function knnAccuracyBrute(
  trainCodes: Float32Array,
  trainLabels: ArrayLike<number>,
  testCodes: Float32Array,
  testLabels: ArrayLike<number>,
  d: number,
  k = 5,
  block = 128,
): number {
  const nTrain = trainLabels.length;
  const nTest = testLabels.length;
  if (nTest === 0) throw new RangeError('no test codes');
  const train = tf.tensor2d(trainCodes.subarray(0, nTrain * d), [nTrain, d]);
  const trainNorms = tf.tidy(() => tf.sum(tf.square(train), 1).reshape([1, nTrain]));
  let correct = 0;
  try {
    for (let start = 0; start < nTest; start += block) {
      const rows = Math.min(block, nTest - start);
      const nearest = tf.tidy(() => {
        const q = tf.tensor2d(testCodes.subarray(start * d, (start + rows) * d), [rows, d]);
        // ||q||^2 is the same for a whole row, so ranking by ||t||^2 - 2 q.t ranks by distance.
        const score = tf.sub(trainNorms, tf.mul(tf.matMul(q, train, false, true), 2));
        return tf.topk(tf.neg(score), k).indices;
      });
      const idx = nearest.dataSync() as Int32Array;
      nearest.dispose();
      for (let r = 0; r < rows; r++) if (vote(idx.subarray(r * k, r * k + k), trainLabels) === testLabels[start + r]) correct++;
    }
  } finally {
    tf.dispose([train, trainNorms]);
  }
  return correct / nTest;
}
