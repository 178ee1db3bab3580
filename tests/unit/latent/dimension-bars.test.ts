/** The dimensions-in-use bar chart: one bar per dimension, heights on one scale, unused ones grey. */
import { describe, expect, it } from 'vitest';
import { nameStep, renderDimensionBarsSvg } from '../../../src/pure/figures/dimension-bars.js';

describe('renderDimensionBarsSvg', () => {
  it('draws one bar per dimension, proportional heights, grey under the threshold, the threshold dashed', () => {
    const svg = renderDimensionBarsSvg({ values: [2, 1, 0.001], threshold: 0.01, valueLabel: 'variance' }, { width: 400, height: 200 });
    const bars = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill="([^"]+)"/g)];
    expect(bars.length).toBe(3);
    const h = bars.map((b) => Number(b[2]));
    expect(h[0]! / h[1]!).toBeCloseTo(2, 1);
    expect(bars[2]![3]).not.toBe(bars[0]![3]);
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toContain('aria-label="z_3"');
  });

  it('names every bar when they fit, and only every 2nd, 5th, 10th, 20th, 50th... when they would overlap', () => {
    const names = (svg: string) =>
      [...svg.matchAll(/<text x="([^"]+)"[^>]*>z<tspan[^>]*>(\d+)<\/tspan>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const thirty = names(renderDimensionBarsSvg({ values: Array.from({ length: 30 }, () => 1) }, { width: 396, height: 150 }));
    expect(thirty.map(([, j]) => j)).toEqual([5, 10, 15, 20, 25, 30]);
    const ten = names(renderDimensionBarsSvg({ values: Array.from({ length: 10 }, () => 1) }, { width: 396, height: 150 }));
    expect(ten.map(([, j]) => j)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const many = names(renderDimensionBarsSvg({ values: Array.from({ length: 500 }, () => 1) }, { width: 396, height: 150 }));
    expect(many.map(([, j]) => j)).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
    // Neighbouring names at least a name's width apart ("z" and three digits at 75 %).
    const gaps = many.slice(1).map(([x], i) => x! - many[i]![0]!);
    expect(Math.min(...gaps)).toBeGreaterThan(12 * 0.6 * (1 + 0.75 * 3));
    expect(nameStep(64, 5)).toBe(5);
    expect(nameStep(10, 40)).toBe(1);
  });
});
