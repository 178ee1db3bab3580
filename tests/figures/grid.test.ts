import { describe, expect, it } from 'vitest';
import { renderGridSvg } from '../../src/pure/figures/grid.js';
import { mnistTest } from './fixtures.js';
import { expectSvgSnapshot } from './snapshot.js';

describe('renderGridSvg', () => {
  it('renderGridSvg(8x8 MNIST digits) draws one mosaic with latent axes (snapshot)', async () => {
    const { images } = mnistTest(64);
    const svg = renderGridSvg({ images, n: 8, x: [-2.5, 2.5], y: [-2.5, 2.5] }, { title: 'Decoder manifold' });
    await expectSvgSnapshot('grid', svg);
    expect(svg).toContain('aria-label="decoded grid 8x8"');
    expect(svg).toContain('aria-label="x-axis"');
  });

  it('renderGridSvg with ink tone at 4:3 (snapshot)', async () => {
    const { images } = mnistTest(25);
    await expectSvgSnapshot('grid-ink', renderGridSvg({ images, n: 5, x: [-1.25, 1.25], y: [-0.5, 4.5] }, { size: '4:3', tone: 'ink' }));
  });

  it('throws when fewer than n*n images are given', () => {
    expect(() => renderGridSvg({ images: new Uint8Array(784 * 3), n: 2, x: [0, 1], y: [0, 1] })).toThrow(/needs 3136 pixels/);
  });
});
