/** The transformation lab's image transformations on a 28x28 grid. */
import { describe, expect, it } from 'vitest';
import { TRANSFORM_RANGE, TRANSFORMS, transformAmounts, transformImage, transformSeries } from '../../../src/pure/latent/transform.js';

const at = (x: number, y: number) => y * 28 + x;
function dot(x: number, y: number, v = 200): Uint8Array {
  const img = new Uint8Array(784);
  img[at(x, y)] = v;
  return img;
}

describe('transformImage', () => {
  it.each(TRANSFORMS)('%s by its identity amount leaves the image unchanged', (kind) => {
    const img = Uint8Array.from({ length: 784 }, (_, i) => (i * 37) % 256);
    expect(transformImage(img, kind, TRANSFORM_RANGE[kind].identity)).toEqual(img);
  });
  it('rotates counter-clockwise as seen: a dot above the centre goes to its left', () => {
    // The centre is 13.5; a dot at x = 13.5 needs two pixels, so use a column pair.
    const img = new Uint8Array(784);
    img[at(13, 3)] = img[at(14, 3)] = 200;
    const out = transformImage(img, 'rotate', 90);
    expect(out[at(3, 13)]! + out[at(3, 14)]!).toBeGreaterThan(300);
    expect(out[at(13, 3)]).toBe(0);
  });
  it('shifts right by whole pixels, zooms about the centre, brightens with clipping, downsamples to block means', () => {
    expect(transformImage(dot(5, 9), 'shift', 3)[at(8, 9)]).toBe(200);
    const zoomed = transformImage(dot(7, 13, 255), 'zoom', 2);
    expect(zoomed[at(7, 13)]).toBe(0);
    expect(Math.max(...zoomed.subarray(at(0, 12), at(0, 15)))).toBeGreaterThan(0);
    expect(transformImage(dot(1, 1, 200), 'brighten', 2)[at(1, 1)]).toBe(255);
    const blocks = transformImage(dot(1, 1, 200), 'downsample', 2);
    expect([blocks[at(0, 0)], blocks[at(1, 0)], blocks[at(0, 1)], blocks[at(1, 1)], blocks[at(2, 2)]]).toEqual([50, 50, 50, 50, 0]);
  });
  it('refuses amounts outside the range and images of another size', () => {
    expect(() => transformImage(new Uint8Array(784), 'zoom', 0)).toThrow(/zoom amount/);
    expect(() => transformImage(new Uint8Array(10), 'rotate', 5)).toThrow(/784/);
  });
  it('a series is each amount applied in turn, from the identity', () => {
    const amounts = transformAmounts('rotate', 60, 4);
    expect(amounts).toEqual([0, 20, 40, 60]);
    const img = dot(10, 10);
    const series = transformSeries(img, 'rotate', amounts);
    amounts.forEach((a, i) => expect(series.subarray(i * 784, (i + 1) * 784)).toEqual(transformImage(img, 'rotate', a)));
  });
});
