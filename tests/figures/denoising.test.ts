import { describe, expect, it } from 'vitest';
import { renderDenoisingSvg } from '../../src/pure/figures/denoising.js';
import { mnistTest } from './fixtures.js';
import { expectSvgSnapshot } from './snapshot.js';

describe('renderDenoisingSvg', () => {
  it('renderDenoisingSvg(6 images) draws corrupted, denoised and original rows (snapshot)', async () => {
    const { images } = mnistTest(6);
    // Deterministic salt noise on the originals stands in for the model's corruption.
    const corrupted = images.map((v, i) => (((i * 2654435761) >>> 0) % 7 === 0 ? 255 - v : v));
    const svg = renderDenoisingSvg({ corrupted, outputs: images, originals: images }, { title: 'Denoising', tone: 'ink' });
    await expectSvgSnapshot('denoising', svg);
    for (const row of ['corrupted', 'denoised', 'original']) expect(svg).toContain(`aria-label="row ${row}"`);
  });
});
