/**
 * The Adam step data-parallel threads take on their chunks of the parameters (src/workers/parallel/adam.ts, a
 * wasm SIMD loop on shared memory) gives TF.js's AdamOptimizer's weights and moments bit for bit, step after
 * step, however the parameters are sliced; and the same bits whichever thread claims which chunk.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ADAM, ADAM_CHUNK, AdamKernel, adamArrays, adamLayout, adamMemory, nextAccBeta } from '../../../src/workers/parallel/adam.js';

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

describe('AdamKernel', () => {
  it("equals tf.train.adam's steps bit for bit (weights, m and v), sliced in three, over five steps at changing rates", async () => {
    const random = seeded(3);
    const shapes: number[][] = [[7, 5], [5], [3, 1]];
    const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total % 4).not.toBe(0);
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const start = Float32Array.from({ length: total }, () => random());
    const vars = shapes.map((shape, i) => tf.variable(tf.tensor(start.slice(offsets[i], offsets[i]! + sizes[i]!), shape)));
    const optimizer = tf.train.adam(1e-3);

    const layout = adamLayout(total, 1);
    const memory = adamMemory(layout);
    const flat = adamArrays(memory, layout);
    flat.weights.set(start);
    const adam = new AdamKernel(memory, layout, 0);
    let acc = { accBeta1: Math.fround(ADAM.beta1), accBeta2: Math.fround(ADAM.beta2) };
    for (let step = 0; step < 5; step++) {
      const rate = [1e-3, 3e-3, 2e-3, 5e-4, 1e-4][step]!;
      const gradient = Float32Array.from({ length: total }, () => random() * 10 ** (step - 2));
      (optimizer as unknown as { learningRate: number }).learningRate = rate;
      optimizer.applyGradients(
        vars.map((x, i) => ({ name: x.name, tensor: tf.tensor(gradient.slice(offsets[i], offsets[i]! + sizes[i]!), x.shape) })),
      );
      flat.gradient(0).set(gradient);
      const numbers = {
        learningRate: rate,
        oneMinusAccBeta1: Math.fround(1 - acc.accBeta1),
        oneMinusAccBeta2: Math.fround(1 - acc.accBeta2),
        epsilon: tf.backend().epsilon(),
      };
      for (const [from, to] of [
        [0, 12],
        [12, 32],
        [32, total],
      ] as const)
        adam.slice(4, numbers, from, to);
      acc = nextAccBeta(acc.accBeta1, acc.accBeta2);
      const theirs = new Float32Array(total);
      vars.forEach((x, i) => theirs.set(x.dataSync() as Float32Array, offsets[i]));
      expect(flat.weights).toEqual(theirs);
    }
    const moments = (await optimizer.getWeights()).slice(1);
    const theirM = new Float32Array(total);
    const theirV = new Float32Array(total);
    moments.forEach((w, i) => (i < vars.length ? theirM : theirV).set(w.tensor.dataSync() as Float32Array, offsets[i % vars.length]));
    expect(flat.m).toEqual(theirM);
    expect(flat.v).toEqual(theirV);
    expect(flat.weights).not.toEqual(start);
    tf.dispose([...vars, ...moments.map((w) => w.tensor)]);
    optimizer.dispose();
  });

  it('averages the shares weighted by their rows, in rank order, as float32 operations', () => {
    const threads = 3;
    const total = 10;
    const layout = adamLayout(total, threads);
    const memory = adamMemory(layout);
    const flat = adamArrays(memory, layout);
    const random = seeded(5);
    for (let rank = 0; rank < threads; rank++) flat.gradient(rank).set(Float32Array.from({ length: total }, () => random()));
    // 7 rows in three shares: 3, 2 and 2 (shareOf); the first step from zero moments leaves 0.1 * mean in m.
    new AdamKernel(memory, layout, 2).slice(
      7,
      { learningRate: 1e-3, oneMinusAccBeta1: 0.1, oneMinusAccBeta2: 0.001, epsilon: 1e-7 },
      0,
      total,
    );
    const f = Math.fround;
    for (let i = 0; i < total; i++) {
      const [a, b, c] = [0, 1, 2].map((r) => flat.gradient(r)[i]!);
      const mean = f(f(f(f(3 / 7) * a!) + f(f(2 / 7) * b!)) + f(f(2 / 7) * c!));
      expect(flat.m[i]).toBe(f(f(0 * f(ADAM.beta1)) + f(mean * f(1 - ADAM.beta1))));
    }
    // A share without rows (2 rows on 3 threads) is not read, whatever its slot holds.
    flat.m.fill(0);
    flat.v.fill(0);
    flat.gradient(2).fill(Number.NaN);
    new AdamKernel(memory, layout, 0).slice(
      2,
      { learningRate: 1e-3, oneMinusAccBeta1: 0.1, oneMinusAccBeta2: 0.001, epsilon: 1e-7 },
      0,
      total,
    );
    expect(flat.m.every(Number.isFinite)).toBe(true);
  });

  it('refuses ranges that do not start on a vector or leave the parameters, and layouts without parameters or threads', () => {
    const layout = adamLayout(10, 2);
    const adam = new AdamKernel(adamMemory(layout), layout, 0);
    const step = { learningRate: 1e-3, oneMinusAccBeta1: 0.1, oneMinusAccBeta2: 0.001, epsilon: 1e-7 };
    expect(() => adam.slice(4, step, 2, 10)).toThrow(/bad range \[2, 10\)/);
    expect(() => adam.slice(4, step, 0, 11)).toThrow(/bad range/);
    expect(() => adamLayout(0, 2)).toThrow(/0 parameters/);
    expect(() => adamLayout(10, 0)).toThrow(/0 threads/);
  });
});

describe('AdamKernel.claimed', () => {
  it('gives the bits of one pass over every parameter, whatever order the chunks are claimed in, and stops past the end', () => {
    const random = seeded(11);
    const total = 2 * ADAM_CHUNK + 1234;
    const layout = adamLayout(total, 2);
    const gradients = [0, 1].map(() => Float32Array.from({ length: total }, () => random()));
    const start = Float32Array.from({ length: total }, () => random());
    const moment = Float32Array.from({ length: total }, () => random() * 1e-2);
    const variance = Float32Array.from({ length: total }, () => Math.abs(random()) * 1e-4);
    const numbers = { learningRate: 3e-3, oneMinusAccBeta1: Math.fround(0.19), oneMinusAccBeta2: Math.fround(0.002), epsilon: 1e-7 };
    const fresh = () => {
      const memory = adamMemory(layout);
      const flat = adamArrays(memory, layout);
      gradients.forEach((g, rank) => flat.gradient(rank).set(g));
      flat.weights.set(start);
      flat.m.set(moment);
      flat.v.set(variance);
      return { memory, flat };
    };

    const whole = fresh();
    new AdamKernel(whole.memory, layout, 0).slice(129, numbers, 0, total);
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
    const kernels = [0, 1].map((rank) => new AdamKernel(claimed.memory, layout, rank));
    kernels[1]!.claimed(129, numbers, () => (claims.length < 2 ? claim() : order.length));
    kernels[0]!.claimed(129, numbers, claim);
    expect(claims).toEqual([2, 0, 1, 3]);
    expect(claimed.flat.weights).toEqual(whole.flat.weights);
    expect(claimed.flat.m).toEqual(whole.flat.m);
    expect(claimed.flat.v).toEqual(whole.flat.v);
    expect(claimed.flat.weights).not.toEqual(start);
  });
});
