/** The contractive lesson's sensitivity map against the closed form of a one-layer sigmoid encoder (Rifai et al.). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { codeSensitivity } from '../../../src/latent/sensitivity.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';

describe('codeSensitivity', () => {
  it('equals sum_j (h_j (1 - h_j))^2 W_ij^2 averaged over images for a sigmoid code layer', async () => {
    const mnist = await loadMnist();
    const n = 12;
    const images = mnist.test.images.subarray(0, n * 784);
    const ae = buildAutoencoder(defaultTrainConfig('contractive', { hidden: [], latent: 6, activation: 'sigmoid' }), 3);
    const before = tf.memory().numTensors;
    const { map, frobenius } = codeSensitivity(ae.encoder, images, n);
    expect(tf.memory().numTensors).toBe(before);
    const [kernel, bias] = ae.encoder.layers.find((l) => l.getClassName() === 'Dense')!.getWeights();
    const w = kernel!.dataSync();
    const b = bias!.dataSync();
    const expected = new Float64Array(784);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < 6; j++) {
        let a = b[j]!;
        for (let i = 0; i < 784; i++) a += (images[r * 784 + i]! / 255) * w[i * 6 + j]!;
        const h = 1 / (1 + Math.exp(-a));
        const s = (h * (1 - h)) ** 2;
        for (let i = 0; i < 784; i++) expected[i] += (s * w[i * 6 + j]! ** 2) / n;
      }
    }
    for (let i = 0; i < 784; i += 37) expect(map[i]).toBeCloseTo(expected[i]!, 6);
    expect(frobenius).toBeCloseTo(
      expected.reduce((a, v) => a + v, 0),
      4,
    );
    ae.dispose();
  });
});
