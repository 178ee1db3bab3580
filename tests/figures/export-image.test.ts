import { describe, expect, it } from 'vitest';
import { EXPORT_SCALES, exportFilename, svgBlob } from '../../renderer/components/export-image.js';

describe('export-image (the Export menu helpers)', () => {
  it('exportFilename adds the extension and a @Nx suffix for PNGs above 1x', () => {
    expect(exportFilename('latent-scatter', 'svg')).toBe('latent-scatter.svg');
    expect(exportFilename('latent-scatter', 'png', 1)).toBe('latent-scatter.png');
    expect(exportFilename('latent-scatter', 'png', 4)).toBe('latent-scatter@4x.png');
  });

  it('exportFilename replaces characters file systems reject and falls back to "figure"', () => {
    expect(exportFilename(' run: dense/2-D "best" ', 'svg')).toBe('run-dense-2-D-best.svg');
    expect(exportFilename('///', 'png', 2)).toBe('figure@2x.png');
  });

  it('svgBlob carries the SVG media type and the exact text', async () => {
    const blob = svgBlob('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(blob.type).toBe('image/svg+xml;charset=utf-8');
    expect(await blob.text()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });

  it('offers 1x, 2x and 4x', () => {
    expect(EXPORT_SCALES).toEqual([1, 2, 4]);
  });
});
