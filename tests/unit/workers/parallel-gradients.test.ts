/**
 * The gradient half of data-parallel training, run in one thread: the shares' gradients of a batch, weighted by
 * their rows and summed, equal the whole batch's gradient (for three threads, so shares differ in size), with the
 * denoising masks and VAE samples drawn as one thread would draw them.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { fillBatch, sliceSet } from '../../../src/pure/data/batches.js';
import type { ImageSet } from '../../../src/pure/data/types.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { AdamKernel, adamArrays, adamLayout, adamMemory } from '../../../src/workers/parallel/adam.js';
import { batchLoss, parameterLayout, shareGradient } from '../../../src/workers/parallel/gradients.js';
import { CONTROL } from '../../../src/workers/parallel/protocol.js';

let set: ImageSet;
beforeAll(async () => {
  set = sliceSet((await loadMnist()).train, 500);
});

const n = 50;
const threads = 3;
const indices = Int32Array.from({ length: n }, (_, i) => (i * 37) % 500);

describe('shareGradient, then the shares averaged by the Adam kernel', () => {
  for (const arch of ['dense', 'conv', 'denoising', 'vae'] as const) {
    it(`${arch}: the weighted shares' gradients equal the batch's gradient, and the noise ends where one thread's does`, () => {
      const ae = buildAutoencoder(defaultTrainConfig(arch, { hidden: [32], filters: [4, 8], latent: 2 }), 4);
      const vars = ae.trainableVariables;
      const { offsets, total } = parameterLayout(ae);
      const noiseStart = ae.noise?.state ?? 0;

      // One thread, the whole batch.
      const x = tf.tensor2d(fillBatch(set, Uint32Array.from(indices), new Float32Array(n * 784)), [n, 784]);
      const whole = tf.variableGrads(() => ae.loss(x, true), vars);
      const wholeLoss = whole.value.dataSync()[0]!;
      const expected = new Float32Array(total);
      vars.forEach((v, i) => expected.set(whole.grads[v.name]!.dataSync() as Float32Array, offsets[i]));
      const noiseAfter = ae.noise?.state ?? 0;
      tf.dispose([x, whole.value, ...Object.values(whole.grads)]);

      // Three shares (17, 17 and 16 rows), each from the leader's noise position, as the threads compute them.
      const control = new Int32Array(CONTROL.size);
      control[CONTROL.count] = n;
      control[CONTROL.noise] = noiseStart | 0;
      const layout = adamLayout(total, threads);
      const memory = adamMemory(layout);
      const flat = adamArrays(memory, layout);
      const losses: number[] = [];
      for (let rank = 0; rank < threads; rank++) {
        const loss = shareGradient({
          ae,
          set,
          rank,
          threads,
          control,
          indices,
          slot: flat.gradient(rank),
          offsets,
          buffer: new Float32Array(Math.ceil(n / threads) * 784),
        });
        losses.push(loss);
        if (ae.noise) expect(ae.noise.state).toBe(noiseAfter);
      }
      // Adam's first step from zero moments leaves (1 - beta1) times the mean gradient in m.
      const step = {
        learningRate: 1e-3,
        oneMinusAccBeta1: Math.fround(1 - Math.fround(0.9)),
        oneMinusAccBeta2: Math.fround(1 - Math.fround(0.999)),
        epsilon: 1e-7,
      };
      const adam = new AdamKernel(memory, layout, 0);
      const half = (total >> 3) * 4;
      adam.slice(n, step, 0, half);
      adam.slice(n, step, half, total);
      const mean = flat.m.map((x) => x / Math.fround(1 - 0.9));
      const loss = batchLoss(losses, threads, n);
      ae.dispose();

      expect(Math.abs(loss - wholeLoss) / wholeLoss).toBeLessThan(2e-4);
      let scale = 0;
      let diff = 0;
      for (let i = 0; i < total; i++) {
        scale = Math.max(scale, Math.abs(expected[i]!));
        diff = Math.max(diff, Math.abs(expected[i]! - mean[i]!));
      }
      expect(scale).toBeGreaterThan(0);
      expect(diff / scale).toBeLessThan(1e-3);
    });
  }
});
