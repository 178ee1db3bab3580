/** Baldi & Hornik (1989): a linear autoencoder trained with MSE spans the top principal subspace. */
import { describe, expect, it } from 'vitest';
import { fillRange, sliceSet } from '../../src/pure/data/batches.js';
import { loadMnist } from '../../src/data/mnist.js';
import { fitPca, principalAngles } from '../../src/latent/index.js';
import { buildAutoencoder } from '../../src/model/build.js';
import { defaultConfig } from '../../src/pure/model/presets.js';
import { train } from '../../src/train/loop.js';

describe('linear autoencoder', () => {
  it('its decoder spans the PCA subspace of its training images (principal angles under 10 degrees)', async () => {
    const mnist = await loadMnist();
    const n = 3000;
    const k = 3;
    const pca = fitPca(fillRange(mnist.train, 0, n, new Float32Array(n * 784)), n, 784, k);
    const ae = buildAutoencoder({ ...defaultConfig('linear'), latent: k }, 1);
    const result = await train(
      ae,
      { train: sliceSet(mnist.train, n), test: sliceSet(mnist.test, 500) },
      {
        learningRate: 3e-3,
        batchSize: 32,
        epochs: 8,
        seed: 1,
      },
    );
    expect(result.outcome).toBe('complete');
    // The decoder's dense kernel is k x 784: its rows span the reconstruction subspace.
    const kernel = ae.decoder.layers.find((l) => l.getClassName() === 'Dense')!.getWeights()[0]!;
    expect(kernel.shape).toEqual([k, 784]);
    const angles = principalAngles(kernel.dataSync(), pca.components, 784, k);
    // Measured here: 3.1, 3.9, 4.2 degrees.
    expect(Math.max(...angles)).toBeLessThan(10);
    ae.dispose();
  });
});
