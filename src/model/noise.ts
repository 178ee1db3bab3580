/** Seeded noise drawn in JS, so corrupted inputs and VAE samples repeat exactly for a build seed. */
import * as tf from '@tensorflow/tfjs';

export class NoiseSource {
  /** mulberry32's 32-bit state (as in `mulberry32`, kept here so a checkpoint can save and restore it). */
  private a: number;

  constructor(seed: number) {
    this.a = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** The generator's position: saved with a checkpoint, so a resumed run draws the noise it would have drawn. */
  get state(): number {
    return this.a;
  }

  set state(value: number) {
    this.a = value >>> 0;
  }

  private random(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
