import { describe, expect, it } from 'vitest';
import { knnAccuracy } from '../../../src/pure/latent/knn.js';
import { knnAccuracyYielding } from '../../../src/latent/knn-yielding.js';
import { loadMnist } from '../../../src/data/mnist.js';

/** Codes: the first d pixels (scaled) of real MNIST images, so neighbours carry some label signal. */
async function codes(set: 'train' | 'test', n: number, d: number) {
  const m = (await loadMnist())[set];
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = m.images[i * 784 + 300 + j * 7] / 255;
  return { codes: out, labels: m.labels.slice(0, n) };
}

describe('knnAccuracyYielding', () => {
  it('equals knnAccuracy over all test codes, for chunked (d = 16) and single-chunk (d = 2) cases', async () => {
    for (const d of [2, 16]) {
      const train = await codes('train', 3_000, d);
      const test = await codes('test', 1_100, d);
      const whole = knnAccuracy(train.codes, train.labels, test.codes, test.labels, d);
      expect(await knnAccuracyYielding(train.codes, train.labels, test.codes, test.labels, d)).toBeCloseTo(whole, 10);
    }
  });

  it('lets timers run between chunks', async () => {
    const train = await codes('train', 2_000, 16);
    const test = await codes('test', 1_000, 16);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await knnAccuracyYielding(train.codes, train.labels, test.codes, test.labels, 16);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(1);
  });
});
