/** The scaling probe threads start on the wasm backend, run at once, and give ratios of their figures. */
import { describe, expect, it } from 'vitest';
import { matmulScaling, splitCeiling } from '../../../src/workers/scaling-probe/scaling.js';
import { DENSE_STEP_PRODUCTS } from '../../../src/workers/scaling-probe/protocol.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';
import { loadMnist } from '../../../src/data/mnist.js';

describe('matmulScaling', () => {
  it("probes the default dense model's forward products: one per weight matrix, 128 rows each", () => {
    const ae = buildAutoencoder(defaultConfig('dense'), 1);
    const kernels = ae.trainableVariables.filter((v) => v.rank === 2).map((v) => v.shape.join('x'));
    ae.dispose();
    const forward = DENSE_STEP_PRODUCTS.slice(0, kernels.length);
    expect(forward.map(([, k, n]) => `${k}x${n}`)).toEqual(kernels);
    expect(forward.every(([m]) => m === 128)).toBe(true);
  });

  it('measures one thread, then two at once, on wasm: a ratio of two positive rates', async () => {
    const ratios = await matmulScaling('wasm', { repeats: 1, seconds: 0.3 });
    expect(ratios).toHaveLength(1);
    const ratio = ratios[0]!;
    expect(Number.isFinite(ratio)).toBe(true);
    // Two threads running the same work cannot do less than a quarter of one's, nor far more than twice it.
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(2.6);
  });
});

describe('splitCeiling', () => {
  it('times the whole one-thread step against two half-batch gradients in lockstep, on MNIST', async () => {
    const { train } = await loadMnist();
    const ratios = await splitCeiling('wasm', { images: train.images, batch: 64, repeats: 2, steps: 2, warmup: 1 });
    expect(ratios).toHaveLength(2);
    for (const ratio of ratios) {
      expect(Number.isFinite(ratio)).toBe(true);
      // Half the batch each, the Adam step left out: the split is faster than a quarter of the whole step and
      // cannot be much more than twice as fast (the barriers would not let it).
      expect(ratio).toBeGreaterThan(0.25);
      expect(ratio).toBeLessThan(2.6);
    }
  });

  it('says when there are fewer images than a batch, before starting a thread', async () => {
    await expect(splitCeiling('wasm', { images: new Uint8Array(784 * 10), batch: 64, repeats: 1, steps: 1 })).rejects.toThrow(
      /7840 bytes of images, needs 50176/,
    );
  });
});
