import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fillRange } from '../../../src/pure/data/batches.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { bce, mse } from '../../../src/model/losses.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';
import { ARCHS, type Arch, type ModelConfig } from '../../../src/pure/model/types.js';
import type { Autoencoder } from '../../../src/model/types.js';

/** Small variants of each architecture, so that every test here runs in well under a second. */
function small(arch: Arch, extra: Partial<ModelConfig> = {}): ModelConfig {
  return { ...defaultConfig(arch), hidden: arch === 'linear' ? [] : [32], filters: [4, 8], ...extra };
}

let x: tf.Tensor2D;
const built: Autoencoder[] = [];
const build = (config: ModelConfig, seed = 1) => {
  const ae = buildAutoencoder(config, seed);
  built.push(ae);
  return ae;
};

beforeAll(async () => {
  const mnist = await loadMnist();
  x = tf.tensor2d(fillRange(mnist.test, 0, 16, new Float32Array(16 * 784)), [16, 784]);
});
afterEach(() => {
  for (const ae of built.splice(0)) ae.dispose();
});

describe.each(ARCHS)('buildAutoencoder(%s)', (arch) => {
  it('has an encoder [n, 784] -> [n, d] and a decoder [n, d] -> [n, 784] in 0..1', () => {
    const ae = build(small(arch, { latent: 3 }));
    expect(ae.encoder.inputs[0]!.shape).toEqual([null, 784]);
    expect(ae.encoder.outputs[0]!.shape).toEqual([null, 3]);
    expect(ae.decoder.outputs[0]!.shape).toEqual([null, 784]);
    const z = ae.encoder.predict(x) as tf.Tensor;
    const y = ae.decoder.predict(z) as tf.Tensor;
    expect(z.shape).toEqual([16, 3]);
    expect(y.shape).toEqual([16, 784]);
    const [lo, hi] = [y.min().dataSync()[0]!, y.max().dataSync()[0]!];
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    tf.dispose([z, y]);
  });

  it('gives the same weights for the same seed and different ones for another seed', () => {
    const weights = (ae: Autoencoder) => ae.trainableVariables.map((v) => [...v.dataSync()]);
    const a = weights(build(small(arch), 5));
    expect(weights(build(small(arch), 5))).toEqual(a);
    expect(weights(build(small(arch), 6))).not.toEqual(a);
  });

  it('loss() returns a finite scalar and leaks no tensor', () => {
    const ae = build(small(arch));
    ae.loss(x, true).dispose(); // first call may build layers
    const before = tf.memory().numTensors;
    const train = ae.loss(x, true);
    const evaluation = ae.loss(x, false);
    expect(train.shape).toEqual([]);
    expect(Number.isFinite(evaluation.dataSync()[0])).toBe(true);
    tf.dispose([train, evaluation]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a training step changes every trainable variable and leaks no tensor', () => {
    const ae = build(small(arch));
    const optimizer = tf.train.adam(1e-3);
    optimizer.minimize(() => ae.loss(x, true), false, ae.trainableVariables);
    const snapshot = ae.trainableVariables.map((v) => v.dataSync().slice());
    const before = tf.memory().numTensors;
    optimizer.minimize(() => ae.loss(x, true), false, ae.trainableVariables);
    expect(tf.memory().numTensors).toBe(before);
    ae.trainableVariables.forEach((v, i) => expect([...v.dataSync()]).not.toEqual([...snapshot[i]!]));
    optimizer.dispose();
  });

  it('dispose() frees every tensor the model made', () => {
    const before = tf.memory().numTensors;
    buildAutoencoder(small(arch), 1).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('evaluation loss and the stock models agree', () => {
  it.each(['dense', 'tied', 'conv', 'denoising'] as const)('%s: loss(x, false) equals the BCE of decoder(encoder(x))', (arch) => {
    const ae = build(small(arch));
    const optimizer = tf.train.adam(1e-2);
    for (let i = 0; i < 3; i++) optimizer.minimize(() => ae.loss(x, true), false, ae.trainableVariables);
    optimizer.dispose();
    ae.sync();
    const viaModels = tf.tidy(() => bce(x, ae.decoder.predict(ae.encoder.predict(x)) as tf.Tensor).dataSync()[0]!);
    const viaLoss = tf.tidy(() => ae.loss(x, false).dataSync()[0]!);
    expect(viaLoss).toBeCloseTo(viaModels, 4);
  });

  it('linear: loss(x, false) equals the MSE of the unclipped decoder output', () => {
    const ae = build(small('linear'));
    const viaLoss = tf.tidy(() => ae.loss(x, false).dataSync()[0]!);
    const clipped = tf.tidy(() => mse(x, ae.decoder.predict(ae.encoder.predict(x)) as tf.Tensor).dataSync()[0]!);
    // The stock decoder clips to 0..1, which can only bring outputs closer to pixels in 0..1.
    expect(clipped).toBeLessThanOrEqual(viaLoss + 1e-7);
  });

  it('tied: after sync() each decoder kernel is its mirror encoder kernel transposed', () => {
    const ae = build(small('tied', { hidden: [32, 16] }));
    const optimizer = tf.train.adam(1e-2);
    optimizer.minimize(() => ae.loss(x, true), false, ae.trainableVariables);
    optimizer.dispose();
    ae.sync();
    // getWeights() returns the layers' own variables, so nothing here is disposed.
    const kernels = (layers: tf.layers.Layer[]) => layers.filter((l) => l.getClassName() === 'Dense').map((l) => l.getWeights()[0]!);
    const enc = kernels(ae.encoder.layers);
    const dec = kernels(ae.decoder.layers);
    expect(dec).toHaveLength(3);
    dec.forEach((k, i) => {
      const mirror = enc[enc.length - 1 - i]!;
      expect(k.shape).toEqual([mirror.shape[1], mirror.shape[0]]);
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(k, tf.transpose(mirror)))).dataSync()[0]!);
      expect(diff).toBe(0);
    });
  });

  it('vae: the encoder outputs the mean, and the training loss is noisy while the evaluation loss is not', () => {
    const ae = build(small('vae'));
    const a = tf.tidy(() => ae.loss(x, false).dataSync()[0]!);
    const b = tf.tidy(() => ae.loss(x, false).dataSync()[0]!);
    const c = tf.tidy(() => ae.loss(x, true).dataSync()[0]!);
    const d = tf.tidy(() => ae.loss(x, true).dataSync()[0]!);
    expect(a).toBe(b);
    expect(c).not.toBe(d);
  });
});
