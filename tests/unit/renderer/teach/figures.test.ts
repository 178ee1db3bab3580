// @vitest-environment node
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { denoisingFigure, kernelsFigure, reconstructionsFigure, stripsFigure } from '../../../../renderer/lib/teach/figures.js';
import { readMnistSlice } from '../mnist-slice.js';

const { images, labels } = readMnistSlice(4);
const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;

describe('teach/figures', () => {
  it('reconstructionsFigure draws originals over reconstructions with the metric in each caption', () => {
    const svg = reconstructionsFigure(
      { originals: images, reconstructions: images, errors: Float32Array.of(0.1, 0.2, 0.3, 0.4), labels },
      'bce',
      'Worst first',
    );
    expect(parse(svg).getElementsByTagName('image').length).toBe(8);
    expect(svg).toContain('bce 0.400');
    expect(svg).toContain('Worst first');
  });

  it('kernelsFigure draws exactly the page shown', () => {
    const kernels = Float32Array.from({ length: 3 * 784 }, (_, i) => Math.sin(i));
    const svg = kernelsFigure({ runId: 'r', layer: 'dense', kernels, side: 28, units: 512, offset: 64, count: 3, limit: 1 }, 'K');
    expect(svg).toContain('kernels (3 of 3)');
  });

  it('denoisingFigure and stripsFigure give one column per image, in rows', () => {
    const one = images.slice(0, 784);
    const d = denoisingFigure(
      { corrupted: one, output: one, original: one, label: 5, corruptedError: 0.1, outputError: 0.05 },
      { corrupted: 'in', output: 'out', original: 'orig' },
      'D',
    );
    expect(parse(d).getElementsByTagName('image').length).toBe(3);
    const s = stripsFigure(
      [
        { label: 'a', images },
        { label: 'b', images, captions: ['1', '2', '3', '4'] },
      ],
      4,
      'S',
    );
    expect(parse(s).getElementsByTagName('image').length).toBe(8);
  });
});
