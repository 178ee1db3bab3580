import { describe, expect, it } from 'vitest';
import { KdTree, knnAccuracy } from '../../../src/latent/index.js';

function uniform(count: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: count }, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function bruteNearest(points: Float32Array, n: number, d: number, q: Float32Array, k: number): number[] {
  const dist = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (points[i * d + t]! - q[t]!) ** 2;
    return [s, i] as const;
  });
  return dist
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .slice(0, k)
    .map((x) => x[1]);
}

describe('k-d tree and kNN accuracy', () => {
  for (const d of [2, 5]) {
    it(`KdTree.nearest(q, 5) agrees with brute force in ${d}-D`, () => {
      const n = 3000;
      const points = uniform(n * d, d);
      const tree = new KdTree(points, n, d);
      const queries = uniform(50 * d, 99);
      for (let i = 0; i < 50; i++) {
        const q = queries.subarray(i * d, i * d + d);
        expect(Array.from(tree.nearest(q, 5))).toEqual(bruteNearest(points, n, d, q, 5));
      }
    });
  }

  it('knnAccuracy is 1 on well-separated clusters and 0 when every test label is wrong', () => {
    const n = 1000;
    const noise = uniform(2 * n, 5);
    const codes = new Float32Array(2 * n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 4;
      codes[2 * i] = 10 * (labels[i]! % 2) + noise[2 * i]!;
      codes[2 * i + 1] = 10 * (labels[i]! >> 1) + noise[2 * i + 1]!;
    }
    const train = codes.subarray(0, 1600);
    const test = codes.subarray(1600);
    expect(knnAccuracy(train, labels.subarray(0, 800), test, labels.subarray(800), 2)).toBe(1);
    const wrong = labels.subarray(800).map((l) => (l + 1) % 4);
    expect(knnAccuracy(train, labels.subarray(0, 800), test, wrong, 2)).toBe(0);
  });

  it('scores 60k train x 10k test codes in 2-D in about a second', () => {
    const train = uniform(120_000, 1);
    const test = uniform(20_000, 2);
    const trainLabels = Uint8Array.from({ length: 60_000 }, (_, i) => (train[2 * i]! * 10) | 0);
    const testLabels = Uint8Array.from({ length: 10_000 }, (_, i) => (test[2 * i]! * 10) | 0);
    const t0 = performance.now();
    const acc = knnAccuracy(train, trainLabels, test, testLabels, 2);
    const ms = performance.now() - t0;
    expect(acc).toBeGreaterThan(0.95);
    // About a second on an idle machine; the bound leaves room for a loaded CI box.
    expect(ms).toBeLessThan(4000);
  });

  it('does not mutate its inputs', () => {
    const codes = uniform(200, 3);
    const labels = Uint8Array.from({ length: 100 }, (_, i) => i % 3);
    const [c0, l0] = [codes.slice(), labels.slice()];
    knnAccuracy(codes.subarray(0, 100), labels.subarray(0, 50), codes.subarray(100), labels.subarray(50), 2);
    expect(codes).toEqual(c0);
    expect(labels).toEqual(l0);
  });
});
