import { describe, expect, it } from 'vitest';
import {
  IDENTITY,
  dataDomain,
  fitMapping,
  nudgeStep,
  scaleMapping,
  toLatent,
  toPixel,
  visibleDomain,
  zoomForDomain,
  zoomMapping,
} from '../../../renderer/lib/explorer/plot-mapping.js';

describe('plot mapping', () => {
  const domain = Object.freeze({ x0: -2, x1: 2, y0: -1, y1: 1 });

  it('fitMapping(domain, w, h) centres the domain with equal units on both axes', () => {
    const m = fitMapping(domain, 400, 400);
    expect(m.x.a).toBe(100);
    expect(m.y.a).toBe(-100);
    expect(toPixel(m, 0, 0)).toEqual([200, 200]);
    expect(toPixel(m, -2, 1)).toEqual([0, 100]);
  });

  it('toLatent inverts toPixel under any zoom', () => {
    const m = zoomMapping(fitMapping(domain, 640, 480), { k: 3.5, x: -120, y: 44 });
    const [px, py] = toPixel(m, 0.37, -0.81);
    const [x, y] = toLatent(m, px, py);
    expect(x).toBeCloseTo(0.37, 10);
    expect(y).toBeCloseTo(-0.81, 10);
  });

  it('zoomMapping(base, identity) is the base mapping', () => {
    const base = fitMapping(domain, 300, 200);
    expect(zoomMapping(base, IDENTITY)).toEqual(base);
  });

  it('visibleDomain at zoom k shows 1/k of the span, and zoomForDomain restores it', () => {
    const base = fitMapping(domain, 400, 400);
    const m = zoomMapping(base, { k: 4, x: -100, y: -300 });
    const v = visibleDomain(m, 400, 400);
    expect(v.x1 - v.x0).toBeCloseTo(1, 10);
    const t = zoomForDomain(base, v, 400, 400);
    expect(t.k).toBeCloseTo(4, 10);
    expect(t.x).toBeCloseTo(-100, 8);
    expect(t.y).toBeCloseTo(-300, 8);
  });

  it('dataDomain ignores the farthest 0.1% of points and pads the rest', () => {
    const n = 10_000;
    const xs = new Float32Array(n).map((_, i) => (i / (n - 1)) * 10);
    const ys = new Float32Array(n).map((_, i) => (i % 100) / 99);
    xs[0] = -1e6;
    const d = dataDomain(xs, ys, 0);
    expect(d.x0).toBeGreaterThan(-1);
    expect(d.x1).toBeCloseTo(10, 1);
    expect(d.y0).toBe(0);
    expect(d.y1).toBe(1);
  });

  it('scaleMapping multiplies both coefficients for device pixels', () => {
    const m = scaleMapping(fitMapping(domain, 100, 100), 2);
    expect(toPixel(m, 2, -1)).toEqual([200, 150]);
  });
});

describe('nudgeStep', () => {
  it('nudgeStep moves 2 CSS pixels per arrow key, 10 with shift, and ignores other keys', () => {
    expect(nudgeStep('ArrowLeft', false)).toEqual([-2, 0]);
    expect(nudgeStep('ArrowDown', true)).toEqual([0, 10]);
    expect(nudgeStep('a', false)).toBeNull();
  });
});
