import { describe, expect, it } from 'vitest';
import { renderLossSvg } from '../../src/pure/figures/loss.js';
import { expectSvgSnapshot } from './snapshot.js';

const history = Array.from({ length: 12 }, (_, i) => ({
  epoch: i + 1,
  loss: 0.08 + 0.2 * Math.exp(-i / 3),
  testLoss: 0.085 + 0.19 * Math.exp(-i / 3),
}));

describe('renderLossSvg', () => {
  it('renderLossSvg(12 epochs) draws train and test curves with a legend (snapshot)', async () => {
    const svg = renderLossSvg({ history }, { title: 'Training loss' });
    await expectSvgSnapshot('loss', svg);
    expect(svg).toContain('aria-label="train loss"');
    expect(svg).toContain('aria-label="test loss"');
  });

  it('renderLossSvg with a log axis and no test loss (snapshot)', async () => {
    const svg = renderLossSvg({ history: history.map(({ epoch, loss }) => ({ epoch, loss })) }, { logY: true, size: '4:3' });
    await expectSvgSnapshot('loss-log', svg);
    expect(svg).not.toContain('aria-label="test loss"');
  });

  it('draws a single epoch as a point and throws on an empty history', () => {
    expect(renderLossSvg({ history: [{ epoch: 1, loss: 0.1, testLoss: 0.12 }] })).toContain('<circle');
    expect(() => renderLossSvg({ history: [] })).toThrow(/at least one epoch/);
  });
});
