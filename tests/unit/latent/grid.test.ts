import { describe, expect, it } from 'vitest';
import { gridPoints } from '../../../src/latent/index.js';

describe('gridPoints', () => {
  it('gridPoints(x0, x1, y0, y1, n) returns n*n interleaved points at cell centres, row 0 at the top', () => {
    const g = gridPoints(0, 4, -2, 2, 4);
    expect(g.length).toBe(32);
    // (row 0, col 0): left-most x centre, top-most y centre.
    expect([g[0], g[1]]).toEqual([0.5, 1.5]);
    // (row 0, col 3)
    expect([g[6], g[7]]).toEqual([3.5, 1.5]);
    // (row 3, col 0): bottom row.
    expect([g[24], g[25]]).toEqual([0.5, -1.5]);
  });

  it('a 1x1 grid is the centre of the box', () => {
    expect(Array.from(gridPoints(-1, 3, 0, 10, 1))).toEqual([1, 5]);
  });

  it('keeps the orientation of reversed bounds and rejects a bad side', () => {
    const g = gridPoints(1, -1, 1, -1, 2);
    expect(Array.from(g.subarray(0, 2))).toEqual([0.5, -0.5]);
    expect(() => gridPoints(0, 1, 0, 1, 0)).toThrow(RangeError);
  });
});
