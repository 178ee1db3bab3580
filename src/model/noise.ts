/** Seeded noise drawn in JS, so corrupted inputs and VAE samples repeat exactly for a build seed. */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../pure/data/random.js';

export class NoiseSource {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  }

  /** `[rows, cols]` of 1 (kept, probability `1 - p`) or 0 (dropped, probability `p`). */
  keepMask(rows: number, cols: number, p: number): tf.Tensor2D {
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < out.length; i++) out[i] = this.random() < p ? 0 : 1;
    return tf.tensor2d(out, [rows, cols]);
  }

  /** `[rows, cols]` of standard normal samples (Box-Muller). */
  normal(rows: number, cols: number): tf.Tensor2D {
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < out.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(1 - this.random()));
      const theta = 2 * Math.PI * this.random();
      out[i] = r * Math.cos(theta);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
    }
    return tf.tensor2d(out, [rows, cols]);
  }
}
