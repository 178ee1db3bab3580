import { describe, expect, it } from 'vitest';
import { blendPixels, greyToRgba, imageAt, tileImages, tintedDigit } from '../../../renderer/lib/explorer/images.js';
import { readMnistSlice } from './mnist-slice.js';

describe('images', () => {
  const { images } = readMnistSlice(4);

  it('greyToRgba(bytes, i) shows grey v as opaque r = g = b = v', () => {
    const rgba = greyToRgba(images, 1);
    for (let p = 0; p < 784; p++) {
      expect(rgba[p * 4]).toBe(images[784 + p]);
      expect(rgba[p * 4 + 2]).toBe(images[784 + p]);
      expect(rgba[p * 4 + 3]).toBe(255);
    }
  });

  it('tileImages lays images out row-major with gaps', () => {
    const { rgba, width, height } = tileImages(images, 3, 2, 2, 40);
    expect([width, height]).toEqual([58, 58]);
    // Image 1 starts at column 30 of row 0; image 2 at row 30, column 0.
    expect(rgba[(10 * width + 30 + 12) * 4]).toBe(images[784 + 10 * 28 + 12]);
    expect(rgba[((30 + 14) * width + 15) * 4]).toBe(images[2 * 784 + 14 * 28 + 15]);
    expect(rgba[(28 * width + 5) * 4]).toBe(40);
  });

  it('blendPixels(a, b, 0.5) is the rounded mean and t = 0, 1 give the originals', () => {
    const a = imageAt(images, 0),
      b = imageAt(images, 1);
    expect(blendPixels(a, b, 0)).toEqual(new Uint8Array(a));
    expect(blendPixels(a, b, 1)).toEqual(new Uint8Array(b));
    const mid = blendPixels(a, b, 0.5);
    for (let i = 0; i < 784; i++) expect(Math.abs(mid[i] - (a[i] + b[i]) / 2)).toBeLessThanOrEqual(0.5);
  });

  it('blendPixels does not mutate its inputs', () => {
    const a = new Uint8Array(imageAt(images, 2)),
      b = new Uint8Array(imageAt(images, 3));
    const a0 = a.slice(),
      b0 = b.slice();
    blendPixels(a, b, 0.3);
    expect(a).toEqual(a0);
    expect(b).toEqual(b0);
  });

  it('tintedDigit keeps the ink as alpha in the class colour', () => {
    const t = tintedDigit(images, 0, [10, 20, 30]);
    const p = images.subarray(0, 784).findIndex((v) => v > 200);
    expect([...t.subarray(p * 4, p * 4 + 4)]).toEqual([10, 20, 30, images[p]]);
  });
});
