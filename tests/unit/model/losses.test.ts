import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { bce, bceFromLogits, gaussianKl, mse, reconstructionLoss } from '../../../src/model/losses.js';

describe('losses', () => {
  it('bceFromLogits(x, l) equals bce(x, sigmoid(l)) and stays finite for saturated logits', () => {
    const x = tf.tensor2d([[0, 0.5, 1, 1]]);
    const logits = tf.tensor2d([[-2, 0.3, 4, 1]]);
    const a = bceFromLogits(x, logits).dataSync()[0]!;
    const b = tf.tidy(() => bce(x, tf.sigmoid(logits)).dataSync()[0]!);
    expect(a).toBeCloseTo(b, 5);
    const huge = bceFromLogits(x, tf.tensor2d([[-500, 500, 500, -500]])).dataSync()[0]!;
    expect(Number.isFinite(huge)).toBe(true);
    expect(huge).toBeCloseTo((250 + 500) / 4, 3);
  });

  it('mse is the mean per pixel', () => {
    expect(mse(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([1, 0, 1, 0])).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  it('reconstructionLoss with a clip head compares the raw output', () => {
    const x = tf.tensor1d([0.25, 0.75]);
    expect(reconstructionLoss('mse', 'clip', x, tf.tensor1d([0.25, 1.75])).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  it('gaussianKl is 0 for N(0, 1) and (m^2 + s^2 - 1 - log s^2) / 2 summed over dims otherwise', () => {
    expect(gaussianKl(tf.zeros([3, 2]), tf.zeros([3, 2])).dataSync()[0]).toBeCloseTo(0, 6);
    const kl = gaussianKl(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, Math.log(4)]])).dataSync()[0]!;
    expect(kl).toBeCloseTo(0.5 + (4 - 1 - Math.log(4)) / 2, 5);
  });
});
