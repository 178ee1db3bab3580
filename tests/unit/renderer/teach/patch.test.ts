import { describe, expect, it } from 'vitest';
import { maskArea, paintDisc, paintStroke } from '../../../../renderer/lib/teach/patch.js';

describe('teach/patch', () => {
  it('paintDisc sets the pixels whose centres lie within the radius, on a copy', () => {
    const mask = new Uint8Array(784);
    const out = paintDisc(mask, 10, 10, 1);
    expect(maskArea(mask)).toBe(0);
    expect(maskArea(out)).toBe(4);
    expect([out[9 * 28 + 9], out[9 * 28 + 10], out[10 * 28 + 9], out[10 * 28 + 10]]).toEqual([1, 1, 1, 1]);
  });

  it('paintDisc clips at the image border', () => {
    expect(maskArea(paintDisc(new Uint8Array(784), 0, 0, 1.6))).toBe(3);
  });

  it('paintStroke covers the whole segment', () => {
    const out = paintStroke(new Uint8Array(784), 2.5, 5.5, 20.5, 5.5, 0.5);
    for (let x = 2; x <= 20; x++) expect(out[5 * 28 + x]).toBe(1);
    expect(maskArea(out)).toBe(19);
  });
});
