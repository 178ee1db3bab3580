import { describe, expect, it } from 'vitest';
import { readPngSize } from '../../src/pure/figures/png.js';
import { renderLossSvg } from '../../src/pure/figures/loss.js';
import { rasterizeSvg } from '../../src/png/rasterize.js';
import { Resvg } from '@resvg/resvg-js';

const svg = renderLossSvg(
  { history: [1, 2, 3].map((epoch) => ({ epoch, loss: 0.3 / epoch, testLoss: 0.32 / epoch })) },
  { title: 'Loss', size: '4:3' },
);

describe('rasterizeSvg', () => {
  it.each([1, 2, 4] as const)('rasterizeSvg(800x600 figure, scale %i) returns a PNG of 800*scale x 600*scale pixels', (scale) => {
    const { png, width, height } = rasterizeSvg(svg, { scale });
    expect({ width, height }).toEqual({ width: 800 * scale, height: 600 * scale });
    expect(readPngSize(png)).toEqual({ width, height });
  });

  it('draws ink: the title and curves leave dark and coloured pixels on the white background', () => {
    const pixels = new Resvg(svg).render().pixels;
    let dark = 0;
    let blue = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i]! < 60 && pixels[i + 1]! < 60 && pixels[i + 2]! < 60) dark++;
      if (pixels[i + 2]! > 150 && pixels[i]! < 40) blue++;
    }
    expect(dark).toBeGreaterThan(100);
    expect(blue).toBeGreaterThan(100);
  });

  it('rejects a scale other than 1, 2 or 4', () => {
    expect(() => rasterizeSvg(svg, { scale: 3 as never })).toThrow(/1, 2 or 4/);
  });
});

describe('digit images in resvg', () => {
  it('imageTag keeps pixels square: a 2x1 black/white image scaled to 200x100 has no grey in between', async () => {
    const { imageTag } = await import('../../src/pure/figures/digits.js');
    const { pngDataUri } = await import('../../src/pure/figures/png.js');
    const uri = pngDataUri(Uint8Array.from([0, 255]), 2, 1, 1);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">${imageTag(uri, 0, 0, 200, 100)}</svg>`;
    const pixels = new Resvg(svg).render().pixels;
    let between = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! > 10 && pixels[i]! < 245) between++;
    expect(between).toBe(0);
  });
});
