/** The dimensions-in-use bar chart: one bar per dimension, heights on one scale, unused ones grey. */
import { describe, expect, it } from 'vitest';
import { renderDimensionBarsSvg } from '../../../src/pure/figures/dimension-bars.js';

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
});
