import { describe, expect, it } from 'vitest';
import { packedClassColors, packRgb } from '../../../renderer/lib/explorer/colors.js';
import { fitMapping } from '../../../renderer/lib/explorer/plot-mapping.js';
import {
  blitDigit,
  hiddenMask,
  pointSize,
  pointsInView,
  rasterize,
  splitRange,
  visibleIndices,
} from '../../../renderer/lib/explorer/raster.js';
import { readMnistSlice } from './mnist-slice.js';

describe('raster', () => {
  const colors = packedClassColors();

  it('rasterize writes each point as a size x size square of its class colour', () => {
    const out = new Uint32Array(10 * 10);
    const m = fitMapping({ x0: 0, x1: 10, y0: 0, y1: 10 }, 10, 10);
    const drawn = rasterize(
      out,
      10,
      10,
      Float32Array.of(2, 7),
      Float32Array.of(8, 3),
      Uint8Array.of(1, 4),
      Uint32Array.of(0, 1),
      colors,
      m,
      2,
    );
    expect(drawn).toBe(2);
    expect(out[2 * 10 + 1]).toBe(colors[1]);
    expect(out[2 * 10 + 2]).toBe(colors[1]);
    expect(out[7 * 10 + 6]).toBe(colors[4]);
    expect(out.filter((v) => v !== 0).length).toBe(8);
  });

  it('rasterize clips squares at the edges and skips points outside', () => {
    const out = new Uint32Array(4 * 4);
    const m = fitMapping({ x0: 0, x1: 4, y0: 0, y1: 4 }, 4, 4);
    const drawn = rasterize(
      out,
      4,
      4,
      Float32Array.of(0, 100),
      Float32Array.of(4, 100),
      Uint8Array.of(0, 0),
      Uint32Array.of(0, 1),
      colors,
      m,
      3,
    );
    expect(drawn).toBe(1);
    expect(out.filter((v) => v !== 0).length).toBe(4);
  });

  it('visibleIndices drops hidden classes and keeps the split range', () => {
    const labels = readMnistSlice(200).labels;
    const idx = visibleIndices(labels, { start: 50, end: 200, hiddenMask: hiddenMask([3, 7]) });
    expect(idx.length).toBe([...labels.subarray(50)].filter((l) => l !== 3 && l !== 7).length);
    expect([...idx].every((i) => i >= 50 && labels[i] !== 3 && labels[i] !== 7)).toBe(true);
  });

  it('splitRange maps train and test to their halves of the embedding', () => {
    expect(splitRange('train', 60_000, 70_000)).toEqual([0, 60_000]);
    expect(splitRange('test', 60_000, 70_000)).toEqual([60_000, 70_000]);
    expect(splitRange('all', 60_000, 70_000)).toEqual([0, 70_000]);
  });

  it('pointsInView returns null when more than max points are in view', () => {
    const xs = new Float32Array(100).map((_, i) => i / 100);
    const ys = new Float32Array(100).fill(0.5);
    const all = new Uint32Array(100).map((_, i) => i);
    const m = fitMapping({ x0: 0, x1: 1, y0: 0, y1: 1 }, 100, 100);
    expect(pointsInView(xs, ys, all, m, 100, 100, 50)).toBeNull();
    expect(pointsInView(xs, ys, all, m, 50, 100, 60, 0)?.length).toBe(51);
  });

  it('pointSize grows with zoom and stays within 1..6 device pixels for MNIST-sized sets', () => {
    expect(pointSize(1)).toBe(2);
    expect(pointSize(64)).toBeGreaterThan(pointSize(1));
    expect(pointSize(1e9, 2)).toBe(6);
    expect(pointSize(1, 1, 10_000)).toBe(2);
    expect(pointSize(1e9, 2, 20_000)).toBe(6);
  });

  it('pointSize grows as fewer points are shown, up to 10 device pixels', () => {
    expect(pointSize(1, 1, 2_000)).toBeGreaterThan(pointSize(1, 1, 70_000));
    expect(pointSize(1, 1, 200)).toBeGreaterThan(pointSize(1, 1, 2_000));
    expect(pointSize(1, 1, 30)).toBe(6);
    expect(pointSize(1e9, 1, 30)).toBe(10);
    expect(pointSize(1, 1, 0)).toBe(pointSize(1, 1, 1));
  });

  it('rasterize draws 70k points in well under a frame', () => {
    const n = 70_000,
      w = 800,
      h = 600;
    const xs = new Float32Array(n).map(() => Math.random());
    const ys = new Float32Array(n).map(() => Math.random());
    const labels = new Uint8Array(n).map((_, i) => i % 10);
    const all = new Uint32Array(n).map((_, i) => i);
    const out = new Uint32Array(w * h);
    const m = fitMapping({ x0: 0, x1: 1, y0: 0, y1: 1 }, w, h);
    rasterize(out, w, h, xs, ys, labels, all, colors, m, 2);
    const t0 = performance.now();
    for (let r = 0; r < 10; r++) rasterize(out, w, h, xs, ys, labels, all, colors, m, 2);
    expect((performance.now() - t0) / 10).toBeLessThan(16);
  });
});

describe('colors', () => {
  it('packedClassColors packs each class colour as little-endian RGBA words', async () => {
    const { classColorRgb } = await import('../../../src/pure/figures/palette.js');
    const bytes = new Uint8Array(packedClassColors().buffer);
    for (let c = 0; c < 10; c++) expect([...bytes.subarray(c * 4, c * 4 + 4)]).toEqual([...classColorRgb(c), 255]);
    expect([...new Uint8Array(Uint32Array.of(packRgb(10, 20, 30)).buffer)]).toEqual([10, 20, 30, 255]);
  });
});

describe('blitDigit', () => {
  const { images } = readMnistSlice(1);

  it('blitDigit at 28 px copies the ink as the colour blended by grey/255 over the background', () => {
    const out = new Uint8ClampedArray(40 * 40 * 4).fill(255);
    blitDigit(out, 40, 40, images, 0, [0, 0, 255], 20, 20, 28);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const v = images[y * 28 + x];
        const o = ((y + 6) * 40 + x + 6) * 4;
        expect(out[o]).toBe(Math.round(255 - 255 * (v / 255)));
        expect(out[o + 2]).toBe(255);
      }
    }
    expect(out[0]).toBe(255);
  });

  it('blitDigit scales to the requested size and clips at the buffer edges', () => {
    const out = new Uint8ClampedArray(20 * 20 * 4);
    blitDigit(out, 20, 20, images, 0, [255, 255, 255], 0, 0, 56);
    // Only the bottom-right quarter of the digit lands in the buffer, twice as large.
    let inked = 0;
    for (let i = 0; i < out.length; i += 4) if (out[i] > 0) inked++;
    let expected = 0;
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) if (images[(14 + (y >> 1)) * 28 + 14 + (x >> 1)] > 0) expected++;
    expect(inked).toBe(expected);
  });
});
