import { describe, expect, it } from 'vitest';
import { renderInterpolationSvg } from '../../src/pure/figures/interpolation.js';
import { mnistTest } from './fixtures.js';
import { expectSvgSnapshot } from './snapshot.js';

/** A seeded stand-in for a latent path: real digits, and the true pixel cross-fade of the two ends. */
function strip(steps: number) {
  const { images } = mnistTest(steps);
  const pixel = new Float32Array(steps * 784);
  for (let s = 0; s < steps; s++) {
    const t = s / (steps - 1);
    for (let p = 0; p < 784; p++) pixel[s * 784 + p] = ((1 - t) * images[p]! + t * images[(steps - 1) * 784 + p]!) / 255;
  }
  return { latent: images, pixel };
}

describe('renderInterpolationSvg', () => {
  it('renderInterpolationSvg(8 steps) draws a latent row over a pixel row with t captions (snapshot)', async () => {
    const svg = renderInterpolationSvg({ ...strip(8), fromLabel: '#0 (7)', toLabel: '#7 (9)' }, { title: 'From 7 to 9' });
    await expectSvgSnapshot('interpolation', svg);
    expect(svg).toContain('aria-label="row latent"');
    expect(svg).toContain('aria-label="row pixel"');
    expect(svg).toContain('>t=1<');
    expect(svg.match(/<image /g)!.length).toBe(16);
  });

  it('names spherical interpolation in the row label', () => {
    expect(renderInterpolationSvg({ ...strip(3), mode: 'spherical' })).toContain('latent (slerp)');
  });
});
