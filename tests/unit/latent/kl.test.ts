/** KL per latent dimension of a VAE's two heads, against a computation by hand. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { klFromMoments, klPerDimension } from '../../../src/latent/kl.js';

/** `[n, 784] -> [n, 2]`: a dense layer that reads pixel 0 only, `out = w * x0 + b` per output. */
function head(w: [number, number], b: [number, number]): tf.LayersModel {
  const input = tf.input({ shape: [784] });
  const dense = tf.layers.dense({ units: 2 });
  const model = tf.model({ inputs: input, outputs: dense.apply(input) as tf.SymbolicTensor });
  const kernel = new Float32Array(784 * 2);
  kernel[0] = w[0];
  kernel[1] = w[1];
  dense.setWeights([tf.tensor2d(kernel, [784, 2]), tf.tensor1d(b)]);
  return model;
}

// Image A has pixel 0 at 255 (x0 = 1), image B at 0: mu = (x0, 0.5), logvar = (0, -x0).
const images = new Uint8Array(2 * 784);
images[0] = 255;
// By hand: A: KL = (0.5 (1 + 1 - 0 - 1), 0.5 (0.25 + e^-1 + 1 - 1)); B: (0, 0.5 * 0.25); then the mean of A and B.
const expected = [(0.5 + 0) / 2, (0.5 * (0.25 + Math.exp(-1)) + 0.125) / 2];

describe('klPerDimension', () => {
  it('klPerDimension(mean head, variance head, 2 images) is the mean over images of 0.5 (mu^2 + e^lv - lv - 1), in nats', () => {
    const mu = head([1, 0], [0, 0.5]);
    const lv = head([0, -1], [0, 0]);
    const before = tf.memory().numTensors;
    const kl = klPerDimension(mu, lv, images, 2);
    const kl1 = klPerDimension(mu, lv, images, 2, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(kl[0]).toBeCloseTo(expected[0]!, 6);
    expect(kl[1]).toBeCloseTo(expected[1]!, 6);
    // Batch size does not change the answer.
    expect(Array.from(kl1)).toEqual(Array.from(kl).map((v) => expect.closeTo(v, 7) as number));
    mu.dispose();
    lv.dispose();
  });

  it('refuses heads of different widths', () => {
    const mu = head([1, 0], [0, 0]);
    const input = tf.input({ shape: [784] });
    const lv = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor });
    expect(() => klPerDimension(mu, lv, images, 2)).toThrow(/variance head/);
    mu.dispose();
    lv.dispose();
  });
});

describe('klFromMoments', () => {
  it('klFromMoments(mu, logvar, 2) gives the same numbers from codes, and does not mutate its inputs', () => {
    const mu = Object.freeze([1, 0.5, 0, 0.5]);
    const lv = Object.freeze([0, -1, 0, 0]);
    const kl = klFromMoments(mu, lv, 2);
    expect(kl[0]).toBeCloseTo(expected[0]!, 12);
    expect(kl[1]).toBeCloseTo(expected[1]!, 12);
    expect(mu).toEqual([1, 0.5, 0, 0.5]);
  });

  it('is 0 where q(z|x) is the prior N(0, 1) for every image', () => {
    expect(Array.from(klFromMoments([0, 0, 0, 0], [0, 0, 0, 0], 2))).toEqual([0, 0]);
  });
});
