import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, PATCH_GREY } from '../../../src/pure/api/api.js';
import { absQuantile, byteMse, classMeans, corruptImage, kernelRows, matMul } from '../../../src/pure/teach/lesson-maths.js';
import { readMnistSlice } from '../renderer/mnist-slice.js';

const { images } = readMnistSlice(3);
const digit = images.slice(0, IMAGE_PIXELS);

describe('teach-pure', () => {
  it('corruptImage(image, dropout, p) zeroes about p of the pixels, repeats for a seed and leaves its input alone', () => {
    const frozen = digit.slice();
    const a = corruptImage(digit, 'dropout', 0.25, 3);
    expect(corruptImage(digit, 'dropout', 0.25, 3)).toEqual(a);
    expect(digit).toEqual(frozen);
    const inked = [...digit].filter((v) => v > 0).length;
    const zeroed = [...digit].filter((v, p) => v > 0 && a[p] === 0).length;
    expect(zeroed / inked).toBeGreaterThan(0.12);
    expect(zeroed / inked).toBeLessThan(0.4);
    expect([...a].every((v, p) => v === 0 || v === digit[p])).toBe(true);
  });

  it('corruptImage(image, gaussian, s) adds noise of std dev s on 0..1 pixels, clipped to bytes', () => {
    const blank = new Uint8Array(IMAGE_PIXELS).fill(128);
    const noisy = corruptImage(blank, 'gaussian', 0.1, 1);
    const sd = Math.sqrt(byteMse(noisy, blank));
    expect(sd).toBeGreaterThan(0.085);
    expect(sd).toBeLessThan(0.115);
  });

  it('corruptImage paints the mask grey over the noise, and kind none with no mask is the image itself', () => {
    const mask = new Uint8Array(IMAGE_PIXELS);
    mask[400] = 1;
    const out = corruptImage(digit, 'dropout', 1, 0, mask);
    expect(out[400]).toBe(PATCH_GREY);
    expect([...out].filter((v) => v !== 0).length).toBe(1);
    expect(corruptImage(digit, 'none', 0.7, 0)).toEqual(digit);
  });

  it('classMeans averages errors per label, NaN for an empty class', () => {
    const { means, counts } = classMeans([1, 3, 5, 10], [0, 0, 2, 2], 4);
    expect([...counts]).toEqual([2, 0, 2, 0]);
    expect(means[0]).toBe(2);
    expect(means[2]).toBe(7.5);
    expect(Number.isNaN(means[1])).toBe(true);
  });

  it('absQuantile(values, q) interpolates the q quantile of |values|', () => {
    expect(absQuantile([-4, 1, 2, -3], 1)).toBe(4);
    expect(absQuantile([-4, 1, 2, -3], 0.5)).toBe(2.5);
    expect(absQuantile([], 0.5, 7)).toBe(7);
  });

  it('kernelRows takes units out of an [inputs, units] kernel as rows', () => {
    // inputs 2, units 3: w[p][u] = 10 p + u
    const w = [0, 1, 2, 10, 11, 12];
    expect([...kernelRows(w, 2, 3, 1, 2)]).toEqual([1, 11, 2, 12]);
  });

  it('matMul multiplies row-major matrices', () => {
    expect([...matMul([1, 2, 3, 4], [5, 6, 7, 8], 2, 2, 2)]).toEqual([19, 22, 43, 50]);
  });
});
