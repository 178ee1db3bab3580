import { describe, expect, it } from 'vitest';
import { LatentPlane } from '../../../src/latent/index.js';

describe('LatentPlane', () => {
  it('is the identity for d = 2 (projected false)', () => {
    const codes = Float32Array.of(1, 2, 3, 4);
    const plane = new LatentPlane(codes, 2, 2);
    expect(plane.projected).toBe(false);
    expect(plane.toPlane(codes)).toEqual(codes);
    expect(plane.toCodes(Float32Array.of(5, 6))).toEqual(Float32Array.of(5, 6));
    expect(plane.toPlane(codes)).not.toBe(codes);
  });

  it('for d > 2 projects on the first two principal components and maps plane points back onto that plane', () => {
    // Codes on the plane z = x + y (a rank-2 set in 3-D), offset by (1, 1, 1).
    const n = 200;
    const codes = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) {
      const x = Math.sin(i);
      const y = Math.cos(3 * i) * 2;
      codes.set([1 + x, 1 + y, 1 + x + y], 3 * i);
    }
    const input = codes.slice();
    const plane = new LatentPlane(codes, n, 3);
    expect(plane.projected).toBe(true);
    const xy = plane.toPlane(codes);
    expect(xy.length).toBe(2 * n);
    const back = plane.toCodes(xy);
    for (let i = 0; i < codes.length; i++) expect(back[i]).toBeCloseTo(codes[i]!, 4);
    expect(codes).toEqual(input);
  });
});
