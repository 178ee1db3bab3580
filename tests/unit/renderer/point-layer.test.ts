import { describe, expect, it } from 'vitest';
import { PointLayer, rasterizeLayer } from '../../../renderer/lib/explorer/point-layer.js';
import { rasterize } from '../../../renderer/lib/explorer/raster.js';

describe('PointLayer', () => {
  const n = 70_000;
  const xs = new Float32Array(n).map(() => Math.random() * 10);
  const ys = new Float32Array(n).map(() => Math.random() * 4 - 2);
  const labels = new Uint8Array(n).map((_, i) => i % 10);
  const idx = new Uint32Array(n / 2).map((_, i) => i * 2);
  const layer = new PointLayer(xs, ys, labels, idx);

  it('holds the listed points once each, with their coordinates and labels', () => {
    expect(layer.size).toBe(idx.length);
    expect([...layer.order].sort((a, b) => a - b)).toEqual([...idx]);
    for (const k of [0, 1_000, 34_999]) {
      const i = layer.order[k];
      expect([layer.x[k], layer.y[k], layer.label[k]]).toEqual([xs[i], ys[i], labels[i]]);
    }
  });

  it('find(x, y, r) returns the point a linear scan finds nearest within r, for any r, inside and outside the data', () => {
    for (let q = 0; q < 300; q++) {
      const x = Math.random() * 14 - 2,
        y = Math.random() * 8 - 4;
      const r = [0.01, 0.1, 1, 50][q % 4]!;
      let best: number | null = null,
        bd = r * r;
      for (const i of idx) {
        const d = (xs[i] - x) ** 2 + (ys[i] - y) ** 2;
        if (d <= bd) [bd, best] = [d, i];
      }
      const got = layer.find(x, y, r);
      if (best === null) expect(got).toBeNull();
      else expect((xs[got!] - x) ** 2 + (ys[got!] - y) ** 2).toBe(bd);
    }
  });

  it('find answers in well under a millisecond', () => {
    const t0 = performance.now();
    for (let q = 0; q < 1_000; q++) layer.find(Math.random() * 10, Math.random() * 4 - 2, 0.05);
    expect((performance.now() - t0) / 1_000).toBeLessThan(0.5);
  });

  it('an empty layer finds nothing', () => {
    expect(new PointLayer(xs, ys, labels, new Uint32Array(0)).find(1, 1, 10)).toBeNull();
  });
});

describe('rasterizeLayer', () => {
  it('draws the same pixels as rasterize over the same points when no two overlap in colour order', () => {
    // One class, so the drawing order cannot change a pixel.
    const n = 5_000;
    const xs = new Float32Array(n).map(() => Math.random() * 12 - 1);
    const ys = new Float32Array(n).map(() => Math.random() * 12 - 1);
    const labels = new Uint8Array(n).fill(3);
    const idx = new Uint32Array(n).map((_, i) => i);
    const colors = Uint32Array.of(1, 2, 3, 0xff00ff00);
    const mapping = { x: { a: 20.3, b: 4.2 }, y: { a: -19.7, b: 210.6 } };
    for (const size of [1, 2, 3, 5]) {
      const a = new Uint32Array(200 * 180),
        b = new Uint32Array(200 * 180);
      const na = rasterize(a, 200, 180, xs, ys, labels, idx, colors, mapping, size);
      const nb = rasterizeLayer(b, 200, 180, new PointLayer(xs, ys, labels, idx), colors, mapping, size);
      expect(nb).toBe(na);
      expect(b).toEqual(a);
    }
  });
});
