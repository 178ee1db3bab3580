/** The latent lab's pure maths: paths through waypoints, traversals, planes, the normal quantiles, the prior, arithmetic. */
import { describe, expect, it } from 'vitest';
import { analogy, classCentroids } from '../../../src/pure/latent/arithmetic.js';
import { pathPointCount, pathThrough, symmetricOffsets, traversal } from '../../../src/pure/latent/free-path.js';
import { gaussianQuantiles, inverseNormalCdf, normalCdf, priorSamples, quantileGridPoints } from '../../../src/pure/latent/normal.js';
import { fitPca } from '../../../src/pure/latent/pca.js';
import { axesPlane, liftFrom, pcaPlane, planeThrough, projectOnto } from '../../../src/pure/latent/plane-basis.js';

describe('free paths', () => {
  const wps = new Float32Array([0, 0, 0, 2, 0, 0, 2, 2, 1]);
  it.each(['linear', 'spherical'] as const)('a %s path through three waypoints starts, turns and ends at them', (mode) => {
    const path = pathThrough(wps, 3, 5, mode);
    expect(path.length / 3).toBe(pathPointCount(3, 5));
    expect(Array.from(path.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(path.subarray(4 * 3, 5 * 3))).toEqual([2, 0, 0]);
    expect(Array.from(path.subarray(8 * 3))).toEqual([2, 2, 1]);
  });
  it('a spherical leg keeps its norm between the ends (equal norms stay equal)', () => {
    const path = pathThrough(new Float32Array([3, 0, 0, 4]), 2, 9, 'spherical');
    for (let i = 0; i < 9; i++) expect(Math.hypot(path[2 * i]!, path[2 * i + 1]!)).toBeCloseTo(3 + (i / 8) * 1, 4);
  });
  it('refuses a single waypoint and ragged codes', () => {
    expect(() => pathThrough(new Float32Array([1, 2]), 2, 4, 'linear')).toThrow(/two waypoints/);
    expect(() => pathThrough(new Float32Array([1, 2, 3]), 2, 4, 'linear')).toThrow(/multiple/);
  });
});

describe('traversal', () => {
  it('varying dimension j changes only z_j', () => {
    const code = [0.5, -1, 2, 0.25, 3];
    const offsets = symmetricOffsets(2, 7);
    const strip = traversal(code, 2, offsets);
    for (let r = 0; r < 7; r++)
      for (let k = 0; k < 5; k++) {
        const want = k === 2 ? code[2]! + offsets[r]! : code[k]!;
        expect(strip[r * 5 + k]).toBeCloseTo(want, 6);
      }
    expect(new Set(Array.from({ length: 7 }, (_, r) => strip[r * 5 + 2])).size).toBe(7);
  });
  it('refuses a dimension outside the code', () => expect(() => traversal([1, 2], 2, [0])).toThrow(/outside/));
});

describe('planes', () => {
  const codes = new Float32Array(Array.from({ length: 400 }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 4))));
  it('the plane of principal components 3 and 4 lifts its points back onto their own coordinates', () => {
    const pca = fitPca(codes, 100, 4, 4);
    const plane = pcaPlane(pca, 2, 3);
    const pts = new Float32Array([0.3, -1.2, 2, 0.5]);
    const back = projectOnto(plane, liftFrom(plane, pts));
    pts.forEach((p, i) => expect(back[i]).toBeCloseTo(p, 5));
    // Its axes are the third and fourth components.
    expect(Array.from(plane.u)).toEqual(Array.from(pca.components.subarray(8, 12)));
  });
  it('the plane through three samples holds all three', () => {
    const a = [1, 0, 0, 2];
    const b = [0, 1, 0, 2];
    const c = [0, 0, 1, 2];
    const plane = planeThrough(a, b, c);
    for (const p of [a, b, c]) {
      const xy = projectOnto(plane, Float32Array.from(p));
      const lifted = liftFrom(plane, xy);
      p.forEach((v, k) => expect(lifted[k]).toBeCloseTo(v, 5));
    }
    expect(() => planeThrough(a, b, [2, -1, 0, 2])).toThrow(/one line/);
  });
  it('axes planes pick z_i and z_j', () => {
    const plane = axesPlane(3, 0, 2);
    expect(Array.from(liftFrom(plane, [1.5, -2]))).toEqual([1.5, 0, -2]);
  });
});

describe('the standard normal', () => {
  it('Φ⁻¹ matches known quantiles and inverts Φ', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963985, 6);
    expect(inverseNormalCdf(0.025)).toBeCloseTo(-1.959963985, 6);
    expect(inverseNormalCdf(0.8413447461)).toBeCloseTo(1, 6);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232306, 6);
    for (const p of [0.01, 0.1, 0.3, 0.6, 0.9, 0.99]) expect(normalCdf(inverseNormalCdf(p))).toBeCloseTo(p, 6);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
  });
  it('the quantile grid sits at Φ⁻¹((i + 0.5) / n), top row first', () => {
    const n = 5;
    const q = gaussianQuantiles(n);
    q.forEach((v, i) => expect(v).toBeCloseTo(inverseNormalCdf((i + 0.5) / n), 12));
    const g = quantileGridPoints(n);
    expect(g[0]).toBeCloseTo(q[0]!, 6);
    expect(g[1]).toBeCloseTo(q[n - 1]!, 6);
    expect(g[2 * (n * n - 1)]).toBeCloseTo(q[n - 1]!, 6);
    expect(g[2 * (n * n - 1) + 1]).toBeCloseTo(q[0]!, 6);
    expect(q[2]).toBeCloseTo(0, 9);
  });
  it('prior samples repeat with their seed and look standard normal', () => {
    const a = priorSamples(42, 2000, 3);
    expect(priorSamples(42, 2000, 3)).toEqual(a);
    expect(priorSamples(43, 2000, 3)).not.toEqual(a);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.06);
  });
});

describe('arithmetic', () => {
  it('centroids are the class means; an analogy is a - b + c', () => {
    const codes = new Float32Array([1, 2, 3, 4, 10, 10, 5, 6]);
    const { centroids, counts } = classCentroids(codes, [0, 0, 1, 0], 2, 3);
    expect(Array.from(counts)).toEqual([3, 1, 0]);
    expect(Array.from(centroids)).toEqual([3, 4, 10, 10, 0, 0]);
    expect(Array.from(analogy([1, 1], [0, 2], [3, 3]))).toEqual([4, 2]);
  });
});
