/**
 * The Adam step data-parallel threads take on their slices of the parameters (src/workers/parallel/adam.ts)
 * gives TF.js's AdamOptimizer's weights and moments up to float32 rounding, step after step, however the
 * parameters are sliced, and the same bits whichever thread claims which chunk.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ADAM, ADAM_CHUNK, adamClaimed, adamSlice, nextAccBeta } from '../../../src/workers/parallel/adam.js';

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** Equal within a few float32 ulps of each value (of 1e-12 for values near zero). */
function expectClose(ours: Float32Array, theirs: Float32Array): void {
  expect(ours.length).toBe(theirs.length);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!) / Math.max(Math.abs(theirs[i]!), 1e-12));
  expect(worst).toBeLessThan(5e-7);
}

describe('adamSlice', () => {
  it("equals tf.train.adam's steps up to float32 rounding (weights, m and v), sliced in three, over five steps at changing rates", async () => {
    const random = seeded(3);
    const shapes: number[][] = [[7, 5], [5], [3, 1]];
    const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
    const total = sizes.reduce((a, b) => a + b, 0);
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const start = Float32Array.from({ length: total }, () => random());
    const vars = shapes.map((shape, i) => tf.variable(tf.tensor(start.slice(offsets[i], offsets[i]! + sizes[i]!), shape)));
    const optimizer = tf.train.adam(1e-3);

    const weights = start.slice();
    const m = new Float32Array(total);
    const v = new Float32Array(total);
    let acc = { accBeta1: Math.fround(ADAM.beta1), accBeta2: Math.fround(ADAM.beta2) };
    for (let step = 0; step < 5; step++) {
      const rate = [1e-3, 3e-3, 2e-3, 5e-4, 1e-4][step]!;
      const gradient = Float32Array.from({ length: total }, () => random() * 10 ** (step - 2));
      (optimizer as unknown as { learningRate: number }).learningRate = rate;
      optimizer.applyGradients(
        vars.map((x, i) => ({ name: x.name, tensor: tf.tensor(gradient.slice(offsets[i], offsets[i]! + sizes[i]!), x.shape) })),
      );
      const common = { gradients: gradient, threads: 1, n: 4, weights, m, v };
      const numbers = {
        learningRate: rate,
        oneMinusAccBeta1: Math.fround(1 - acc.accBeta1),
        oneMinusAccBeta2: Math.fround(1 - acc.accBeta2),
        epsilon: tf.backend().epsilon(),
      };
      for (const [from, to] of [
        [0, 11],
        [11, 30],
        [30, total],
      ] as const)
        adamSlice({ ...common, from, to }, numbers);
      acc = nextAccBeta(acc.accBeta1, acc.accBeta2);
      const theirs = new Float32Array(total);
      vars.forEach((x, i) => theirs.set(x.dataSync() as Float32Array, offsets[i]));
      expectClose(weights, theirs);
    }
    const moments = (await optimizer.getWeights()).slice(1);
    const theirM = new Float32Array(total);
    const theirV = new Float32Array(total);
    moments.forEach((w, i) => (i < vars.length ? theirM : theirV).set(w.tensor.dataSync() as Float32Array, offsets[i % vars.length]));
    expectClose(m, theirM);
    expectClose(v, theirV);
    tf.dispose([...vars, ...moments.map((w) => w.tensor)]);
    optimizer.dispose();
  });
});

describe('adamClaimed', () => {
  it('gives the bits of one pass over every parameter, whatever order the chunks are claimed in, and stops past the end', () => {
    const random = seeded(11);
    const total = 2 * ADAM_CHUNK + 1234;
    const gradients = Float32Array.from({ length: 2 * total }, () => random());
    const start = Float32Array.from({ length: total }, () => random());
    const moment = Float32Array.from({ length: total }, () => random() * 1e-2);
    const variance = Float32Array.from({ length: total }, () => Math.abs(random()) * 1e-4);
    const numbers = { learningRate: 3e-3, oneMinusAccBeta1: Math.fround(0.19), oneMinusAccBeta2: Math.fround(0.002), epsilon: 1e-7 };
    const fresh = () => ({ gradients, threads: 2, n: 129, weights: start.slice(), m: moment.slice(), v: variance.slice() });

    const whole = fresh();
    adamSlice({ ...whole, from: 0, to: total }, numbers);
    // Two threads taking turns out of order: chunk 2 (the short last one) first, then 0, then 1.
    const claimed = fresh();
    const order = [2, 0, 1, 3, 4];
    let next = 0;
    const claims: number[] = [];
    const claim = () => {
      const c = order[next++]!;
      claims.push(c);
      return c;
    };
    adamClaimed(claimed, numbers, claim);
    expect(claims).toEqual([2, 0, 1, 3]);
    expect(claimed.weights).toEqual(whole.weights);
    expect(claimed.m).toEqual(whole.m);
    expect(claimed.v).toEqual(whole.v);
    expect(claimed.weights).not.toEqual(start);
  });
});
