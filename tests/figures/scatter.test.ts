import { describe, expect, it } from 'vitest';
import { renderScatterSvg } from '../../src/pure/figures/scatter.js';
import { clusteredCodes } from './fixtures.js';
import { expectSvgSnapshot, parseSvg } from './snapshot.js';

describe('renderScatterSvg', () => {
  it('renderScatterSvg(300 points) draws vector circles with a legend (snapshot)', async () => {
    const svg = renderScatterSvg(clusteredCodes(300), {
      title: 'Latent space of a 2-D autoencoder',
      highlight: [3, 40],
      path: [-3, 0, 0, 1, 3, 0],
    });
    await expectSvgSnapshot('scatter', svg);
    expect(svg.match(/<circle /g)!.length).toBeGreaterThanOrEqual(300);
    expect(svg).toContain('aria-label="legend"');
  });

  it('renderScatterSvg(5,000 points) draws one raster layer at 4:3 with a transparent background (snapshot)', async () => {
    const svg = renderScatterSvg(clusteredCodes(5000, 3), {
      size: '4:3',
      background: 'transparent',
      legend: false,
      xLabel: null,
      yLabel: null,
      rasterScale: 1,
    });
    await expectSvgSnapshot('scatter-raster', svg);
    expect(svg).not.toContain('aria-label="background"');
    expect(svg.match(/<image /g)!.length).toBe(1);
  });

  it('a 100,000-point scatter SVG is valid XML under 2 MB', () => {
    const svg = renderScatterSvg(clusteredCodes(100_000, 9), { title: '100,000 points' });
    parseSvg(svg);
    expect(new TextEncoder().encode(svg).length).toBeLessThan(2 * 1024 * 1024);
    expect(svg).toContain('dots (raster, 100000 points)');
  });

  it('xDomain and yDomain fix the visible range, as a zoomed view exports', () => {
    const data = clusteredCodes(200);
    const svg = renderScatterSvg(data, { xDomain: [2, 4], yDomain: [-1, 1] });
    const visible = Array.from(data.x).filter((x, i) => x >= 2 && x <= 4 && Math.abs(data.y[i]!) <= 1).length;
    expect(visible).toBeGreaterThan(5);
    expect(svg.match(/<circle cx/g)!.length).toBe(visible);
    expect(svg).toMatch(/>2\.5</);
  });

  it('lays a shade image (the lab classifier shading) over the dots, across the latent box it was computed on', () => {
    const href = 'data:image/png;base64,iVBORw0KGgo=';
    const view = { xDomain: [-4, 4] as const, yDomain: [-2, 2] as const };
    const shadeRect = (svg: string) => {
      const image = /aria-label="shade"[^>]*>\s*<image ([^>]*)>/.exec(svg)![1]!;
      return ['x', 'y', 'width', 'height'].map((a) => Number(new RegExp(`\\b${a}="([-\\d.]+)"`).exec(image)![1]));
    };
    const whole = renderScatterSvg(clusteredCodes(200), { ...view, shade: { href, x0: -4, x1: 4, y0: -2, y1: 2 } });
    const part = renderScatterSvg(clusteredCodes(200), { ...view, shade: { href, x0: -4, x1: 0, y0: 0, y1: 2 } });
    parseSvg(part);
    expect(part).toContain(`href="${href}"`);
    // Drawn after the dots, as the app shows it: the shading tints the points under it.
    expect(part.indexOf('aria-label="shade"')).toBeGreaterThan(part.indexOf('aria-label="dots"'));
    // The left half of x and the upper half of y: the plot box's top-left quarter.
    const [bx, by, bw, bh] = shadeRect(whole);
    const [x, y, w, h] = shadeRect(part);
    expect([x, y]).toEqual([bx, by]);
    expect(w).toBeCloseTo(bw! / 2, 6);
    expect(h).toBeCloseTo(bh! / 2, 6);
    expect(renderScatterSvg(clusteredCodes(200), view)).not.toContain('aria-label="shade"');
  });

  it('does not mutate its input', () => {
    const data = clusteredCodes(100);
    const copy = { x: data.x.slice(), y: data.y.slice(), labels: data.labels.slice() };
    renderScatterSvg(Object.freeze(data));
    expect(data).toEqual(copy);
  });
});
