/**
 * The hand-written gradient of dense autoencoders against TF.js's gradient tape on the same loss, on MNIST: the
 * same loss and gradients to float32 rounding, for each activation, loss and code activation a dense model can
 * have, with the denoising corruption drawn as the tape's pass draws it; and a training step on it equals one on
 * the tape.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { denseLossGradients } from '../../../src/model/dense-gradient.js';
import { lossAndGradients, namedGradients } from '../../../src/model/loss-gradients.js';
import type { Autoencoder } from '../../../src/model/types.js';
import { fillRange, sliceSet } from '../../../src/pure/data/batches.js';
import type { ImageSet } from '../../../src/pure/data/types.js';
import { defaultConfig, defaultTrainConfig } from '../../../src/pure/model/presets.js';
import type { ModelConfig } from '../../../src/pure/model/types.js';

let set: ImageSet;
beforeAll(async () => {
  set = sliceSet((await loadMnist()).train, 256);
});

const batch = (n: number, from = 0) => tf.tensor2d(fillRange(set, from, n, new Float32Array(n * 784)), [n, 784]);

/** The tape's loss and gradients of `ae.loss` in training, in variable order. */
function tapeGradients(ae: Autoencoder, x: tf.Tensor2D): { value: number; grads: Float32Array[] } {
  const vars = ae.trainableVariables;
  const { value, grads } = tf.variableGrads(() => ae.loss(x, true), vars);
  const out = { value: value.dataSync()[0]!, grads: vars.map((v) => grads[v.name]!.dataSync() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

function handGradients(ae: Autoencoder, x: tf.Tensor2D): { value: number; grads: Float32Array[] } {
  const { value, grads } = ae.gradient!(x);
  const out = { value: value.dataSync()[0]!, grads: grads.map((g) => g.dataSync() as Float32Array) };
  tf.dispose([value, ...grads]);
  return out;
}

/** Largest difference between two gradients, relative to the largest value of the expected one. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / scale;
}

const small = { hidden: [64, 16], latent: 2 };
const cases: [string, ModelConfig][] = [
  ['the default model (784-512-128-2, relu, BCE)', defaultConfig('dense')],
  ['tanh, MSE', { ...defaultConfig('dense'), ...small, activation: 'tanh', loss: 'mse' }],
  ['sigmoid, BCE, a tanh code of 8', { ...defaultConfig('dense'), ...small, activation: 'sigmoid', codeActivation: 'tanh', latent: 8 }],
  [
    'denoising with masking noise, rescaled',
    defaultTrainConfig('denoising', { ...small, noise: { kind: 'dropout', level: 0.3, rescale: true } }),
  ],
  [
    'denoising with Gaussian noise, MSE',
    defaultTrainConfig('denoising', { ...small, loss: 'mse', noise: { kind: 'gaussian', level: 0.4 } }),
  ],
];

describe('the hand-written dense gradient', () => {
  for (const [name, config] of cases)
    it(`${name}: the tape's loss and gradients, to float32 rounding, and no tensor left`, () => {
      const ae = buildAutoencoder(config, 5);
      const x = batch(48);
      const noiseStart = ae.noise?.state;
      const tape = tapeGradients(ae, x);
      const noiseAfterTape = ae.noise?.state;
      if (ae.noise) ae.noise.state = noiseStart!;
      const before = tf.memory().numTensors;
      const hand = handGradients(ae, x);
      expect(tf.memory().numTensors).toBe(before);
      // The same noise drawn: the corruption is the tape pass's, and the stream ends where it did.
      expect(ae.noise?.state).toBe(noiseAfterTape);
      expect(Math.abs(hand.value - tape.value)).toBeLessThan(2e-6 * tape.value);
      expect(hand.grads).toHaveLength(ae.trainableVariables.length);
      hand.grads.forEach((g, i) => {
        expect(g.length).toBe(ae.trainableVariables[i]!.size);
        expect(relativeError(g, tape.grads[i]!)).toBeLessThan(1e-5);
      });
      x.dispose();
      ae.dispose();
    });

  it('is the gradient of the loss: a step against it lowers the loss by what the gradient predicts', () => {
    const ae = buildAutoencoder({ ...defaultConfig('dense'), ...small }, 2);
    const x = batch(64, 100);
    const { value, grads } = handGradients(ae, x);
    let squared = 0;
    for (const g of grads) for (const d of g) squared += d * d;
    // A step that should lower the loss by 0.2 %: far above float32 rounding, small enough for the first order.
    const eps = (2e-3 * value) / squared;
    const predicted = eps * squared;
    ae.trainableVariables.forEach((v, i) => v.assign(tf.tidy(() => tf.sub(v, tf.mul(tf.tensor(grads[i]!, v.shape), eps)))));
    const after = ae.loss(x, true).dataSync()[0]!;
    expect(value - after).toBeGreaterThan(0.9 * predicted);
    expect(value - after).toBeLessThan(1.1 * predicted);
    x.dispose();
    ae.dispose();
  });

  it('one Adam step on it equals one through the tape, to float32 rounding', () => {
    const a = buildAutoencoder(defaultConfig('dense'), 3);
    const b = buildAutoencoder(defaultConfig('dense'), 3);
    const x = batch(128);
    const optA = tf.train.adam(1e-3);
    const optB: tf.Optimizer = tf.train.adam(1e-3);
    for (let step = 0; step < 3; step++) {
      optA.minimize(() => a.loss(x, true), false, a.trainableVariables);
      const { value, grads } = lossAndGradients(b, x);
      optB.applyGradients(namedGradients(b, grads));
      tf.dispose([value, ...grads.filter((g) => g !== null)]);
    }
    a.trainableVariables.forEach((v, i) => {
      const got = b.trainableVariables[i]!.dataSync() as Float32Array;
      const want = v.dataSync() as Float32Array;
      // Adam's first steps move each weight by about the step size, whatever the gradient's scale.
      let diff = 0;
      for (let j = 0; j < want.length; j++) diff = Math.max(diff, Math.abs(got[j]! - want[j]!));
      expect(diff).toBeLessThan(1e-6);
    });
    tf.dispose([x]);
    optA.dispose();
    optB.dispose();
    a.dispose();
    b.dispose();
  });

  it('models whose loss needs more than the layers keep the tape, in variable order', () => {
    for (const arch of ['conv', 'vae', 'contractive', 'tied', 'linear'] as const) {
      const ae = buildAutoencoder(defaultTrainConfig(arch, { hidden: [16], filters: [4, 8] }), 1);
      expect(ae.gradient).toBeUndefined();
      const x = batch(8);
      const { value, grads } = lossAndGradients(ae, x);
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      grads.forEach((g, i) => expect(g?.shape).toEqual(ae.trainableVariables[i]!.shape));
      tf.dispose([x, value, ...grads.filter((g) => g !== null)]);
      ae.dispose();
    }
  });

  it("keeps a saturated white pixel's gradient, -sigmoid(-l), where the short form and the tape's sum cancel to 0", () => {
    // Logits of 20 on pixels of value 1: sigmoid(20) rounds to 1 in float32.
    const kernel = tf.variable(tf.zeros([784, 784]));
    const bias = tf.variable(tf.fill([784], 20));
    const x = tf.ones([2, 784]) as tf.Tensor2D;
    const hand = denseLossGradients([{ kernel, bias, activation: 'linear' }], 'bce', x, x);
    const expected = -1 / (1 + Math.exp(20)) / 784;
    const got = hand.grads[1]!.dataSync();
    for (let i = 0; i < 784; i++) expect(got[i]! / expected).toBeCloseTo(1, 3);
    const short = tf.tidy(() => tf.sum(tf.div(tf.sub(tf.sigmoid(tf.fill([2, 784], 20)), x), 2 * 784), 0).dataSync());
    expect(Math.max(...short.map(Math.abs))).toBe(0);
    tf.dispose([kernel, bias, x, hand.value, ...hand.grads]);
  });

  it('rejects a chain that does not end in logits', () => {
    const kernel = tf.variable(tf.zeros([784, 784]));
    const bias = tf.variable(tf.zeros([784]));
    const x = batch(2);
    expect(() => denseLossGradients([{ kernel, bias, activation: 'sigmoid' }], 'bce', x, x)).toThrow(/logits/);
    expect(() => denseLossGradients([], 'bce', x, x)).toThrow(/logits/);
    tf.dispose([kernel, bias, x]);
  });
});
