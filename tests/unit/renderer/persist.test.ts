import { describe, expect, it } from 'vitest';
import { defaults, nextPair, parseSaved } from '../../../renderer/lib/explorer/persist.js';

describe('parseSaved', () => {
  it('parseSaved(null) and parseSaved of garbage give the defaults', () => {
    expect(parseSaved(null)).toEqual(defaults);
    expect(parseSaved('{not json')).toEqual(defaults);
    expect(parseSaved('42')).toEqual(defaults);
  });

  it('parseSaved round-trips a complete state', () => {
    const s = {
      ...defaults,
      runId: 'vae-2d',
      split: 'test' as const,
      hidden: [1, 7],
      probe: [0.5, -1.25] as [number, number],
      pair: [12, 345] as [number, number],
      steps: 12,
      view: { x0: -1, x1: 2, y0: -3, y1: 0.5 },
      tab: 'compare' as const,
      compare: ['a', 'b'] as [string, string],
      compareIndex: 9,
    };
    expect(parseSaved(JSON.stringify(s))).toEqual(s);
  });

  it('parseSaved replaces each malformed field with its default and keeps the rest', () => {
    const s = parseSaved(
      JSON.stringify({
        runId: 'r',
        split: 'both',
        hidden: [2, 'x', -1, 2],
        steps: 1000,
        view: { x0: 3, x1: 1, y0: 0, y1: 1 },
        pair: [3, 1.5],
      }),
    );
    expect(s.runId).toBe('r');
    expect(s.split).toBe('all');
    expect(s.hidden).toEqual([2]);
    expect(s.steps).toBe(10);
    expect(s.view).toBeNull();
    expect(s.pair).toEqual([3, null]);
  });
});

describe('nextPair', () => {
  it('nextPair fills A, then B, then starts a new pair at A', () => {
    expect(nextPair([null, null], 5)).toEqual([5, null]);
    expect(nextPair([5, null], 9)).toEqual([5, 9]);
    expect(nextPair([5, 9], 2)).toEqual([2, null]);
  });

  it('nextPair does not mutate the pair it is given', () => {
    const pair = Object.freeze([5, null] as [number | null, number | null]);
    nextPair(pair, 1);
    expect(pair).toEqual([5, null]);
  });
});
