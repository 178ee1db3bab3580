import { describe, expect, it } from 'vitest';
import { renderKernelsSvg } from '../../src/pure/figures/kernels.js';
import { mnistTest } from './fixtures.js';
import { expectSvgSnapshot } from './snapshot.js';

/** Seeded stand-in for a dense first layer [784, units]: centred digits, so each kernel shows a stroke. */
function digitKernels(units: number): Float32Array {
  const { images } = mnistTest(units);
  const w = new Float32Array(784 * units);
  for (let u = 0; u < units; u++) for (let p = 0; p < 784; p++) w[p * units + u] = (images[u * 784 + p]! - 60) / 255;
  return w;
}

describe('renderKernelsSvg', () => {
  it('renderKernelsSvg(16 units) draws 16 kernels on one diverging scale with a colour bar (snapshot)', async () => {
    const svg = renderKernelsSvg({ weights: digitKernels(16), units: 16 }, { title: 'First-layer kernels' });
    await expectSvgSnapshot('kernels', svg);
    expect(svg).toContain('aria-label="kernels (16 of 16)"');
    expect(svg).toContain('aria-label="colour bar"');
  });

  it('shows at most max kernels and no colour bar for per-kernel scales', () => {
    const svg = renderKernelsSvg({ weights: digitKernels(12), units: 12 }, { max: 5, scale: 'each' });
    expect(svg).toContain('kernels (5 of 12)');
    expect(svg).not.toContain('colour bar');
  });

  it('draws 3x3 conv kernels given side 3', () => {
    const svg = renderKernelsSvg({ weights: new Float32Array(9 * 8).map((_, i) => Math.sin(i)), units: 8, side: 3 });
    expect(svg.match(/aria-label="unit /g)!.length).toBe(8);
  });

  it('throws when weights are not units kernels of side x side', () => {
    expect(() => renderKernelsSvg({ weights: new Float32Array(100), units: 3 })).toThrow(/not 3 kernels/);
  });
});
