/**
 * Which latent dimensions a VAE uses: the KL divergence of q(z_j|x) = N(mu_j, sigma_j^2) from the prior N(0, 1),
 * for each dimension j, averaged over images. A dimension the model ignores has q(z_j|x) = prior for every x,
 * hence KL_j = 0 ("posterior collapse"); one that carries information pays for it in nats.
 *
 *   KL_j = mean_x 0.5 (mu_j^2 + exp(logvar_j) - logvar_j - 1)      (Kingma & Welling 2014, appendix B)
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_BATCH, forEachImageBatch, outputWidth } from './batching.js';

/**
 * KL_j in nats, `d` entries, of `count` byte images (`count * 784` bytes, 0..255) through a VAE's mean head
 * (`encoder`) and variance head (`logVar`, log sigma^2), both `[n, 784] -> [n, d]`. Sums are kept in float64.
 * @throws RangeError when the heads disagree on d or `images` is short.
 */
export function klPerDimension(
  encoder: tf.LayersModel,
  logVar: tf.LayersModel,
  images: Uint8Array,
  count: number,
  batchSize = DEFAULT_BATCH,
): Float64Array {
  const d = outputWidth(encoder);
  if (outputWidth(logVar) !== d) throw new RangeError(`the mean head gives ${d} numbers, the variance head ${outputWidth(logVar)}`);
  const sums = new Float64Array(d);
  if (count === 0) return sums;
  forEachImageBatch(images, count, batchSize, (x) => {
    const perDim = tf.tidy(() => {
      const mu = encoder.apply(x, { training: false }) as tf.Tensor2D;
      const lv = logVar.apply(x, { training: false }) as tf.Tensor2D;
      return tf.sum(tf.mul(0.5, tf.sub(tf.sub(tf.add(tf.square(mu), tf.exp(lv)), lv), 1)), 0);
    });
    try {
      const values = perDim.dataSync();
      for (let j = 0; j < d; j++) sums[j]! += values[j]!;
    } finally {
      perDim.dispose();
    }
  });
  return sums.map((s) => s / count);
}

/** The same KL_j from codes already computed: `mu` and `logvar` are `n * d` floats, row-major. */
export function klFromMoments(mu: ArrayLike<number>, logvar: ArrayLike<number>, d: number): Float64Array {
  if (mu.length !== logvar.length || mu.length % d !== 0) throw new RangeError('mu and logvar must be whole rows of d numbers each');
  const n = mu.length / d;
  const out = new Float64Array(d);
  for (let i = 0; i < mu.length; i++) {
    const m = mu[i]!;
    const lv = logvar[i]!;
    out[i % d]! += 0.5 * (m * m + Math.exp(lv) - lv - 1);
  }
  return n ? out.map((s) => s / n) : out;
}
