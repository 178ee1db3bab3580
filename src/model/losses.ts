/**
 * Reconstruction losses and regularisers. All reconstruction losses are means per pixel, so numbers compare
 * across architectures; regularisers are scaled the same way (see each one).
 */
import * as tf from '@tensorflow/tfjs';
import type { OutputHead } from './layers.js';
import type { LossKind } from '../pure/model/types.js';

/** Keeps log() finite for saturated probabilities, as Keras does. */
const EPSILON = 1e-7;

/**
 * Binary cross-entropy from logits, mean per pixel: `max(l, 0) - l x + log(1 + exp(-|l|))`, which is exact and
 * never overflows, unlike `log(sigmoid(l))`.
 */
export function bceFromLogits(x: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.softplus(tf.neg(tf.abs(logits))))));
}

/** Binary cross-entropy of probabilities `p` (clipped away from 0 and 1), mean per pixel. */
export function bce(x: tf.Tensor, p: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const q = tf.clipByValue(p, EPSILON, 1 - EPSILON);
    return tf.neg(tf.mean(tf.add(tf.mul(x, tf.log(q)), tf.mul(tf.sub(1, x), tf.log(tf.sub(1, q))))));
  });
}

/** Mean squared error per pixel. */
export function mse(x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(x, y)));
}

/**
 * Reconstruction loss of `x` given the decoder's pre-output (see `OutputHead`): logits for a sigmoid head,
 * the raw linear output for a clip head.
 */
export function reconstructionLoss(kind: LossKind, head: OutputHead, x: tf.Tensor, preOutput: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (head === 'sigmoid') return kind === 'bce' ? bceFromLogits(x, preOutput) : mse(x, tf.sigmoid(preOutput));
    return kind === 'bce' ? bce(x, preOutput) : mse(x, preOutput);
  });
}

/**
 * KL(q(z|x) || N(0, I)) for a diagonal Gaussian, summed over latent dims and averaged over the batch:
 * `-1/2 sum(1 + log s^2 - m^2 - s^2)` (Kingma & Welling 2014, appendix B).
 */
export function gaussianKl(mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mul(-0.5, tf.mean(tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mean)), tf.exp(logVar)), 1))));
}
