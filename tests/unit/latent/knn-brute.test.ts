import { describe, expect, it } from 'vitest';
import { knnAccuracyBrute } from '../../../src/latent/knn-brute.js';
import { knnAccuracy } from '../../../src/pure/latent/knn.js';
import { mulberry32 } from '../../../src/pure/data/random.js';

describe('knnAccuracyBrute', () => {
  it.each([3, 40])('agrees with the exact k-d tree on clustered %i-D codes', (d) => {
    const random = mulberry32(d);
    const make = (n: number) => {
      const labels = Uint8Array.from({ length: n }, () => Math.floor(random() * 4));
      const codes = Float32Array.from(
        { length: n * d },
        (_, i) => labels[Math.floor(i / d)]! * ((i % d) % 4 === 0 ? 1 : 0) + random() * 1.5,
      );
      return { codes, labels };
    };
    const train = make(900);
    const test = make(300);
    const exact = knnAccuracy(train.codes, train.labels, test.codes, test.labels, d, 5);
    const brute = knnAccuracyBrute(train.codes, train.labels, test.codes, test.labels, d, 5, 64);
    expect(exact).toBeGreaterThan(0.4);
    expect(Math.abs(brute - exact)).toBeLessThanOrEqual(2 / 300);
  });
});
