import { describe, expect, it } from 'vitest';
import { meanImage } from '../../../src/pure/data/batches.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { initOutputBias } from '../../../src/model/output-bias.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';

const mean = Float32Array.from({ length: 784 }, (_, i) => (i % 100) / 100);
const outputBias = (ae: ReturnType<typeof buildAutoencoder>) =>
  [...ae.decoder.layers]
    .reverse()
    .find((l) => l.getWeights().length > 0)!
    .getWeights()[1]!
    .dataSync();

describe('initOutputBias', () => {
  it('sets a sigmoid decoder output bias to the logit of the mean pixel, clamped away from 0 and 1', () => {
    const ae = buildAutoencoder({ ...defaultConfig('dense'), hidden: [8] }, 1);
    initOutputBias(ae, mean);
    const bias = outputBias(ae);
    expect(bias[50]).toBeCloseTo(0, 5);
    expect(bias[75]).toBeCloseTo(Math.log(3), 5);
    expect(bias[0]).toBeCloseTo(Math.log(1e-3 / (1 - 1e-3)), 3);
    ae.dispose();
  });

  it('sets a linear decoder output bias to the mean itself', () => {
    const ae = buildAutoencoder(defaultConfig('linear'), 1);
    initOutputBias(ae, mean);
    expect(outputBias(ae)[37]).toBeCloseTo(0.37, 6);
    ae.dispose();
  });

  it('sets the single bias of a conv decoder to the logit of the overall mean', () => {
    const ae = buildAutoencoder({ ...defaultConfig('conv'), filters: [4] }, 1);
    initOutputBias(ae, new Float32Array(784).fill(0.25));
    expect(outputBias(ae)[0]).toBeCloseTo(Math.log(1 / 3), 5);
    ae.dispose();
  });

  it('meanImage averages pixels over a set, in 0..1', () => {
    const set = { images: Uint8Array.of(0, 255, 255, 255), labels: Uint8Array.of(0, 1), count: 2, rows: 1, cols: 2 };
    expect([...meanImage(set)]).toEqual([0.5, 1]);
  });
});
