import { describe, expect, it } from 'vitest';
import { formatNats, klOrder, renderKlSvg } from '../../src/pure/figures/kl-bars.js';
import { expectSvgSnapshot } from './snapshot.js';

// A 6-D VAE with two dimensions collapsed to the prior (0 nats and nearly 0).
const kl = Object.freeze([2.4137, 0.0031, 5.902, 0.8815, 0, 1.25]);

describe('renderKlSvg', () => {
  it('renderKlSvg(6 dimensions) draws a bar per dimension by index, values in nats above them (snapshot)', async () => {
    const svg = renderKlSvg({ kl }, { title: 'KL per latent dimension', size: '4:3' });
    await expectSvgSnapshot('kl', svg);
    expect(svg).toContain('aria-label="KL per latent dimension: KL per latent dimension"');
    expect(svg.match(/<rect x=/g)?.length).toBe(6);
    for (const v of ['2.41', '0.003', '5.90', '0.88', '0.00', '1.25']) expect(svg).toContain(`>${v}</text>`);
  });

  it('renderKlSvg sorted draws the largest first (snapshot)', async () => {
    const svg = renderKlSvg({ kl, sorted: true, valueLabel: 'KL (nats), total 10.45' }, { size: '4:3', title: null });
    await expectSvgSnapshot('kl-sorted', svg);
    const names = [...svg.matchAll(/<g aria-label="(z_\d+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['z_3', 'z_1', 'z_6', 'z_4', 'z_2', 'z_5']);
  });

  it('klOrder(kl) lists dimensions largest first without mutating kl; formatNats keeps small values visible', () => {
    expect(klOrder(kl)).toEqual([2, 0, 5, 3, 1, 4]);
    expect(kl[0]).toBe(2.4137);
    expect(formatNats(0.0031)).toBe('0.003');
    expect(formatNats(3)).toBe('3.00');
  });
});
