/** Flip points along a path and the lattice shading colours of the classifier's view. */
import { describe, expect, it } from 'vitest';
import { flipPoints, shadeLattice } from '../../../src/pure/latent/classifier-view.js';
import { classColorRgb } from '../../../src/pure/figures/palette.js';

describe('classifier view', () => {
  it('each flip lies between two steps whose predictions differ, and every change is found', () => {
    const labels = [4, 4, 4, 9, 9, 7, 7, 7];
    const flips = flipPoints(labels);
    expect(flips).toEqual([
      { index: 2, from: 4, to: 9 },
      { index: 4, from: 9, to: 7 },
    ]);
    for (const f of flips) expect(labels[f.index]).not.toBe(labels[f.index + 1]);
    expect(flipPoints([1, 1, 1])).toEqual([]);
  });
  it('shades each cell in its class colour, more opaque where the classifier is surer', () => {
    const rgba = shadeLattice([3, 3], [1, 0.1], 10);
    expect(Array.from(rgba.subarray(0, 3))).toEqual(classColorRgb(3));
    expect(rgba[3]).toBeGreaterThan(rgba[7]!);
  });
});
