import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { fitPca, principalAngles, projectPca, unprojectPca } from '../../../src/latent/index.js';

/** Deterministic standard normals (Box-Muller over an LCG). */
function normals(count: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 1) / 2 ** 32;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return out;
}

describe('PCA', () => {
  it('fitPca recovers the axes and variances of a known 2-D covariance', () => {
    // Standard deviations 3 and 1 along axes rotated by 30 degrees, centred at (5, -2).
    const n = 20000;
    const z = normals(2 * n, 7);
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const data = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const u = 3 * z[2 * i]!;
      const v = z[2 * i + 1]!;
      data[2 * i] = 5 + c * u - s * v;
      data[2 * i + 1] = -2 + s * u + c * v;
    }
    const pca = fitPca(data, n, 2, 2);
    expect(pca.mean[0]).toBeCloseTo(5, 1);
    expect(pca.mean[1]).toBeCloseTo(-2, 1);
    expect(pca.explainedVariance[0]! / 9).toBeCloseTo(1, 1);
    expect(pca.explainedVariance[1]).toBeCloseTo(1, 1);
    expect(Math.abs(pca.components[0]! * c + pca.components[1]! * s)).toBeCloseTo(1, 3);
  });

  it('projectPca then unprojectPca with all components gives the data back', () => {
    const n = 50;
    const data = Float32Array.from(normals(n * 4, 3));
    const pca = fitPca(data, n, 4, 4);
    const back = unprojectPca(pca, projectPca(pca, data, n), n);
    for (let i = 0; i < data.length; i++) expect(back[i]).toBeCloseTo(data[i]!, 4);
  });

  it('the large-d path finds a planted 3-D subspace among 200 features', () => {
    const n = 3000;
    const d = 200;
    const basis = Float32Array.from(normals(3 * d, 11));
    const z = normals(3 * n, 12);
    const noise = normals(n * d, 13);
    const data = new Float32Array(n * d);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < d; t++) {
        data[i * d + t] =
          0.05 * noise[i * d + t]! + 4 * z[3 * i]! * basis[t]! + 2 * z[3 * i + 1]! * basis[d + t]! + z[3 * i + 2]! * basis[2 * d + t]!;
      }
    const pca = fitPca(data, n, d, 3);
    const angles = principalAngles(pca.components, basis, d, 3);
    expect(Math.max(...angles)).toBeLessThan(1);
  });

  describe('on MNIST pixels', () => {
    let pixels: Float32Array;
    const n = 2000;
    beforeAll(async () => {
      const { test } = await loadMnist();
      pixels = Float32Array.from(test.images.subarray(0, n * 784), (v) => v / 255);
    });

    it('orders components by variance and reconstructs better with more of them', () => {
      const pca = fitPca(pixels, n, 784, 10);
      for (let i = 1; i < 10; i++) expect(pca.explainedVariance[i]).toBeLessThanOrEqual(pca.explainedVariance[i - 1]! + 1e-6);
      const err = (k: number) => {
        const p = { ...pca, k, components: pca.components.subarray(0, k * 784), explainedVariance: pca.explainedVariance.subarray(0, k) };
        const back = unprojectPca(p, projectPca(p, pixels, n), n);
        let e = 0;
        for (let i = 0; i < back.length; i++) e += (back[i]! - pixels[i]!) ** 2;
        return e / back.length;
      };
      expect(err(10)).toBeLessThan(err(2));
      expect(err(2)).toBeLessThan(0.07);
    });

    it('does not mutate its input', () => {
      const copy = pixels.slice(0, 100 * 784);
      const input = copy.slice();
      const pca = fitPca(input, 100, 784, 2);
      projectPca(pca, input, 100);
      expect(input).toEqual(copy);
    });
  });
});
