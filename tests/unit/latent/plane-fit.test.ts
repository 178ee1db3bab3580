/**
 * The plane of many high-dimensional codes, its covariance computed on the TF.js backend
 * (src/latent/plane-fit.ts), is the plane the exact JS PCA fits: the same axes and variances on real MNIST rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { BACKEND_PRODUCTS, fitPcaOnBackend, fitPlane, momentsOnBackend } from '../../../src/latent/plane-fit.js';
import { fillRange } from '../../../src/pure/data/batches.js';
import { fitPca, pcaOfMoments } from '../../../src/pure/latent/pca.js';
import { LatentPlane } from '../../../src/pure/latent/plane.js';

let pixels: Float32Array;
const n = 3000;
const d = 784;

beforeAll(async () => {
  pixels = fillRange((await loadMnist()).train, 0, n, new Float32Array(n * d));
});

describe('fitPlane', () => {
  it('gives the exact PCA plane of 3,000 MNIST images (784-D): same axes and variances, same projections', () => {
    expect((n * d * d) / 2).toBeGreaterThan(BACKEND_PRODUCTS);
    const exact = fitPca(pixels, n, d, 2);
    const backend = pcaOfMoments(momentsOnBackend(pixels, n, d), d, 2);
    for (let c = 0; c < 2; c++) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += exact.components[c * d + t]! * backend.components[c * d + t]!;
      expect(dot).toBeGreaterThan(0.99999);
      expect(Math.abs(backend.explainedVariance[c]! / exact.explainedVariance[c]! - 1)).toBeLessThan(1e-4);
    }
    const plane = fitPlane(pixels, n, d);
    const reference = new LatentPlane(pixels, n, d, exact);
    const ours = plane.toPlane(pixels.subarray(0, 20 * d));
    const theirs = reference.toPlane(pixels.subarray(0, 20 * d));
    for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(theirs[i]!, 3);
    expect(plane.projected).toBe(true);
  });

  it("fits every component of 200-D rows (the latent lab's PCA) as the JS fit does, its covariance on the backend", () => {
    const w = 200;
    const rows = new Float32Array(n * w);
    // The middle of the digits, where every pixel varies.
    for (let r = 0; r < n; r++) rows.set(pixels.subarray(r * d + 300, r * d + 300 + w), r * w);
    expect((n * w * w) / 2).toBeGreaterThan(BACKEND_PRODUCTS);
    const exact = fitPca(rows, n, w, w);
    const backend = fitPcaOnBackend(rows, n, w, w);
    expect(backend.k).toBe(w);
    const total = (v: Float32Array) => v.reduce((a, b) => a + b, 0);
    expect(Math.abs(total(backend.explainedVariance) / total(exact.explainedVariance) - 1)).toBeLessThan(1e-5);
    for (let c = 0; c < 3; c++) {
      let dot = 0;
      for (let t = 0; t < w; t++) dot += exact.components[c * w + t]! * backend.components[c * w + t]!;
      expect(dot).toBeGreaterThan(0.9999);
    }
  });

  it('leaves small problems and planes of d <= 2 to the JS fit', () => {
    const small = fitPlane(pixels.subarray(0, 50 * d), 50, d);
    expect(small.toPlane(pixels.subarray(0, d))).toEqual(new LatentPlane(pixels.subarray(0, 50 * d), 50, d).toPlane(pixels.subarray(0, d)));
    const flat = fitPlane(Float32Array.of(1, 2, 3, 4), 2, 2);
    expect(flat.projected).toBe(false);
  });

  it('refuses too few values and a fitted PCA of another size', () => {
    expect(() => momentsOnBackend(new Float32Array(10), 3, 4)).toThrow(/need 12 values, got 10/);
    const pca = fitPca(pixels.subarray(0, 100 * 3), 100, 3, 2);
    expect(() => new LatentPlane(pixels.subarray(0, 100 * 4), 100, 4, pca)).toThrow(/d = 4/);
    expect(() => pcaOfMoments({ mean: new Float64Array(3), cov: new Float64Array(4) }, 3, 2)).toThrow(/moments/);
  });
});
