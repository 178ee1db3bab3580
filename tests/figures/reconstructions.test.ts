import { describe, expect, it } from 'vitest';
import { renderReconstructionsSvg } from '../../src/pure/figures/reconstructions.js';
import { mnistTest, seededUniform } from './fixtures.js';
import { expectSvgSnapshot } from './snapshot.js';

describe('renderReconstructionsSvg', () => {
  it('renderReconstructionsSvg(10 images) draws originals over reconstructions with errors (snapshot)', async () => {
    const { images, labels } = mnistTest(20);
    const svg = renderReconstructionsSvg(
      { originals: images.subarray(0, 7840), reconstructions: images.subarray(7840), errors: seededUniform(10, 0.005, 0.05), labels },
      { title: 'Reconstructions', size: '4:3' },
    );
    await expectSvgSnapshot('reconstructions', svg);
    expect(svg).toContain('aria-label="row original"');
    expect(svg).toContain('aria-label="row reconstruction"');
    expect(svg.match(/<image /g)!.length).toBe(20);
  });

  it('leaves out captions and headers when no errors or labels are given', () => {
    const { images } = mnistTest(4);
    const svg = renderReconstructionsSvg({ originals: images.subarray(0, 1568), reconstructions: images.subarray(1568) });
    expect(svg).not.toContain('captions');
    expect(svg).not.toContain('column headers');
  });
});
