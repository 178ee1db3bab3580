/** The matrix-product probe threads start on the wasm backend, run at once, and give a ratio of their rates. */
import { describe, expect, it } from 'vitest';
import { matmulScaling } from '../../../src/workers/matmul-probe/scaling.js';
import { DENSE_STEP_PRODUCTS } from '../../../src/workers/matmul-probe/protocol.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';

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
