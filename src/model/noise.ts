/** Seeded noise drawn in JS, so corrupted inputs and VAE samples repeat exactly for a build seed. */
import * as tf from '@tensorflow/tfjs';

/** mulberry32's state step: its n-th draw depends on `seed + n * STEP` alone, so a draw can be reached without the ones before. */
const STEP = 0x6d2b79f5;

/**
 * Which rows of a batch this thread draws (data-parallel training, src/workers/parallel/): a call for `rows` rows
 * then returns rows `offset .. offset + rows` of the `total`-row draw one thread would make, and the generator
 * moves past the whole draw, so every thread's generator stays where the single thread's would be.
 */
export interface NoiseShard {
  offset: number;
  total: number;
}

export class NoiseSource {
  /** mulberry32's 32-bit state (as in `mulberry32`, kept here so a checkpoint can save and restore it). */
  private a: number;
  /** This thread's rows of each draw; null: whole draws. */
  shard: NoiseShard | null = null;

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
    this.a = (this.a + STEP) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** The state `draws` draws after `from`. */
  private static advance(from: number, draws: number): number {
    return (from + Math.imul(draws, STEP)) >>> 0;
  }

  /** Rows `[first, first + rows)` of a `total`-row draw, as flat element indices, for the current shard. */
  private span(rows: number, cols: number): { start: number; count: number; total: number } {
    const shard = this.shard ?? { offset: 0, total: rows };
    if (shard.offset + rows > shard.total)
      throw new RangeError(`noise shard rows ${shard.offset}+${rows} exceed its batch of ${shard.total}`);
    return { start: shard.offset * cols, count: rows * cols, total: shard.total * cols };
  }

  /** `[rows, cols]` of 1 (kept, probability `1 - p`) or 0 (dropped, probability `p`): one draw per element. */
  keepMask(rows: number, cols: number, p: number): tf.Tensor2D {
    const { start, count, total } = this.span(rows, cols);
    const from = this.a;
    this.a = NoiseSource.advance(from, start);
    const out = new Float32Array(count);
    for (let i = 0; i < out.length; i++) out[i] = this.random() < p ? 0 : 1;
    this.a = NoiseSource.advance(from, total);
    return tf.tensor2d(out, [rows, cols]);
  }

  /** `[rows, cols]` of standard normal samples (Box-Muller: elements 2i and 2i+1 of the whole draw share two draws). */
  normal(rows: number, cols: number): tf.Tensor2D {
    const { start, count, total } = this.span(rows, cols);
    const from = this.a;
    const out = new Float32Array(count);
    const end = start + count;
    for (let pair = start >> 1; 2 * pair < end; pair++) {
      this.a = NoiseSource.advance(from, 2 * pair);
      const r = Math.sqrt(-2 * Math.log(1 - this.random()));
      const theta = 2 * Math.PI * this.random();
      const even = 2 * pair;
      if (even >= start) out[even - start] = r * Math.cos(theta);
      if (even + 1 < end) out[even + 1 - start] = r * Math.sin(theta);
    }
    this.a = NoiseSource.advance(from, 2 * Math.ceil(total / 2));
    return tf.tensor2d(out, [rows, cols]);
  }
}
