/**
 * The seeded noise of denoising and variational models, drawn in shards: the rows each training thread draws,
 * put together, are the draw one thread makes, and every thread's generator ends where that thread's does.
 */
import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { NoiseSource } from '../../../src/model/noise.js';

type Draw = (source: NoiseSource, rows: number, cols: number) => tf.Tensor2D;
const draws: Record<string, Draw> = {
  keepMask: (s, rows, cols) => s.keepMask(rows, cols, 0.3),
  normal: (s, rows, cols) => s.normal(rows, cols),
};

describe('NoiseSource shards', () => {
  for (const [name, draw] of Object.entries(draws)) {
    // Odd columns: Box-Muller pairs straddle the rows' boundaries.
    for (const cols of [3, 784]) {
      it(`${name}, ${cols} columns: three shards of a 10-row draw are its rows, and each generator ends where one thread's does`, () => {
        const whole = new NoiseSource(11);
        const expected = draw(whole, 10, cols).dataSync();
        const afterFirst = whole.state;
        const second = draw(whole, 10, cols).dataSync();
        const afterSecond = whole.state;

        const got = new Float32Array(10 * cols);
        const seconds = new Float32Array(10 * cols);
        for (const [offset, rows] of [
          [0, 4],
          [4, 4],
          [8, 2],
        ] as const) {
          const part = new NoiseSource(11);
          part.shard = { offset, total: 10 };
          got.set(draw(part, rows, cols).dataSync(), offset * cols);
          expect(part.state).toBe(afterFirst);
          seconds.set(draw(part, rows, cols).dataSync(), offset * cols);
          expect(part.state).toBe(afterSecond);
        }
        expect(Array.from(got)).toEqual(Array.from(expected));
        expect(Array.from(seconds)).toEqual(Array.from(second));
      });
    }
  }

  it('refuses a shard past the end of its batch', () => {
    const s = new NoiseSource(1);
    s.shard = { offset: 8, total: 10 };
    expect(() => s.normal(3, 2)).toThrow(/exceed its batch of 10/);
  });

  it('a normal draw has mean 0 and variance 1; a keep mask keeps 1 - p', () => {
    const s = new NoiseSource(5);
    const z = s.normal(200, 500).dataSync();
    let sum = 0;
    let sq = 0;
    for (const v of z) {
      sum += v;
      sq += v * v;
    }
    expect(Math.abs(sum / z.length)).toBeLessThan(0.01);
    expect(Math.abs(sq / z.length - 1)).toBeLessThan(0.01);
    const mask = Array.from(s.keepMask(200, 500, 0.3).dataSync());
    const kept = mask.reduce((a, b) => a + b, 0) / mask.length;
    expect(Math.abs(kept - 0.7)).toBeLessThan(0.01);
  });
});
