import { describe, expect, it } from 'vitest';
import { HoverIndex } from '../../../renderer/lib/explorer/hover-index.js';

describe('HoverIndex', () => {
  const n = 70_000;
  const xs = new Float32Array(n).map(() => Math.random() * 10);
  const ys = new Float32Array(n).map(() => Math.random() * 10);
  const idx = new Uint32Array(n / 2).map((_, i) => i * 2);
  const index = new HoverIndex(xs, ys, idx);

  it('find(x, y, r) returns the same point as a linear scan over the indexed points', () => {
    for (let q = 0; q < 200; q++) {
      const x = Math.random() * 10,
        y = Math.random() * 10;
      let best = -1,
        bd = Infinity;
      for (const i of idx) {
        const d = (xs[i] - x) ** 2 + (ys[i] - y) ** 2;
        if (d < bd) [bd, best] = [d, i];
      }
      expect(index.find(x, y, 5)).toBe(best);
    }
  });

  it('find returns null when no indexed point lies within the radius', () => {
    expect(index.find(-100, -100, 1)).toBeNull();
  });

  it('find answers in well under a millisecond over 35k points', () => {
    const t0 = performance.now();
    for (let q = 0; q < 10_000; q++) index.find(Math.random() * 10, Math.random() * 10, 0.2);
    expect((performance.now() - t0) / 10_000).toBeLessThan(0.1);
  });
});
