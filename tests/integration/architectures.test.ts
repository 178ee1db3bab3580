/**
 * Every architecture trains a few hundred Adam steps on a real MNIST slice, and its test loss falls. Models
 * are small so that each test stays well under 20 s on the wasm backend of two shared cores.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceSet } from '../../src/pure/data/batches.js';
import { loadMnist } from '../../src/data/mnist.js';
import type { ImageSet } from '../../src/pure/data/types.js';
import { buildAutoencoder } from '../../src/model/build.js';
import { defaultConfig } from '../../src/pure/model/presets.js';
import type { Arch, ModelConfig } from '../../src/pure/model/types.js';
import { evaluateLoss } from '../../src/train/evaluate.js';
import { train } from '../../src/train/loop.js';

let data: { train: ImageSet; test: ImageSet };
beforeAll(async () => {
  const mnist = await loadMnist();
  data = { train: mnist.train, test: sliceSet(mnist.test, 500) };
});

const cases: [Arch, Partial<ModelConfig>, { limit: number; batchSize: number; epochs: number }][] = [
  ['dense', { hidden: [128, 32] }, { limit: 4000, batchSize: 32, epochs: 2 }],
  ['conv', { filters: [8, 16] }, { limit: 2000, batchSize: 32, epochs: 3 }],
  ['denoising', { hidden: [128], noise: { kind: 'dropout', level: 0.3 } }, { limit: 4000, batchSize: 32, epochs: 2 }],
  ['denoising', { hidden: [128], noise: { kind: 'gaussian', level: 0.2 } }, { limit: 4000, batchSize: 32, epochs: 2 }],
  ['vae', { hidden: [128] }, { limit: 4000, batchSize: 32, epochs: 2 }],
  ['tied', { hidden: [128, 32] }, { limit: 4000, batchSize: 32, epochs: 2 }],
  ['linear', { latent: 8 }, { limit: 4000, batchSize: 32, epochs: 2 }],
  ['contractive', { hidden: [128], activation: 'sigmoid' }, { limit: 4000, batchSize: 32, epochs: 2 }],
  ['contractive', { hidden: [], activation: 'sigmoid', latent: 16 }, { limit: 4000, batchSize: 32, epochs: 2 }],
];

describe('each architecture learns', () => {
  it.each(cases)('%s %j: test loss falls over a few hundred steps', async (arch, extra, opts) => {
    const ae = buildAutoencoder({ ...defaultConfig(arch), ...extra }, 11);
    const before = evaluateLoss(ae, data.test);
    const tensors = tf.memory().numTensors;
    const result = await train(ae, data, { ...opts, learningRate: 2e-3, seed: 3, progressEvery: 50 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result.outcome).toBe('complete');
    expect(result.history).toHaveLength(opts.epochs);
    const after = result.history.at(-1)!.testLoss;
    expect(after).toBeCloseTo(evaluateLoss(ae, data.test), 5);
    // A loose bound on purpose: measured falls are to 0.3..0.45 of the starting loss.
    expect(after).toBeLessThan(before * 0.6);
    ae.dispose();
  });
});
