import { describe, expect, it } from 'vitest';
import { lossChart } from '../../../../renderer/lib/studio/loss-chart.js';
import { suggestedRate } from '../../../../renderer/lib/studio/outcome.js';
import { epochPosition, formatDuration, formatLoss, fractionDone } from '../../../../renderer/lib/studio/progress.js';
import { blend, ease, sameIndices, strided, SUBSET, toFrame } from '../../../../renderer/lib/studio/tween.js';

describe('progress', () => {
  it('fractionDone counts finished epochs in full and the current one by batches', () => {
    expect(fractionDone({ epoch: 1, epochs: 2, batch: 0, batches: 10 })).toBe(0);
    expect(fractionDone({ epoch: 2, epochs: 2, batch: 5, batches: 10 })).toBe(0.75);
    expect(fractionDone({ epoch: 2, epochs: 2, batch: 10, batches: 10 })).toBe(1);
  });

  it('formatDuration(sec) reads as seconds, minutes or hours', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(Infinity)).toBe('…');
  });

  it('formatLoss gives 4 significant digits and a dash for unknown', () => {
    expect(formatLoss(0.123456)).toBe('0.1235');
    expect(formatLoss(null)).toBe('–');
    expect(formatLoss(NaN)).toBe('–');
  });

  it('epochPosition places a batch event on the epoch axis', () => {
    expect(epochPosition({ epoch: 3, batch: 25, batches: 100 })).toBe(2.25);
  });
});

describe('lossChart', () => {
  it('maps the curves into the plot and ticks the epochs', () => {
    const g = lossChart(
      [
        { x: 0.5, y: 0.3 },
        { x: 1, y: 0.2 },
        { x: 1.5, y: NaN },
        { x: 2, y: 0.1 },
      ],
      [
        { x: 1, y: 0.25 },
        { x: 2, y: 0.15 },
      ],
      2,
      400,
      200,
    );
    expect(g.train.startsWith('M')).toBe(true);
    // A NaN window breaks the line rather than dragging it to the axis.
    expect(g.train.match(/M/g)).toHaveLength(2);
    expect(g.testDots).toHaveLength(2);
    expect(g.xTicks.map((t) => t.label)).toEqual(['0', '1', '2']);
    expect(g.testDots[0]!.cy).toBeLessThan(g.testDots[1]!.cy); // higher loss, higher on screen
    for (const d of g.testDots) expect(d.cx).toBeGreaterThan(0);
  });

  it('draws nothing but axes before the first point', () => {
    const g = lossChart([], [], 5, 300, 150);
    expect(g.train).toBe('');
    expect(g.yTicks.length).toBeGreaterThan(1);
  });
});

describe('tween', () => {
  const frame = (xs: number[], indices = Uint32Array.from(xs, (_, i) => i)) => ({
    x: Float32Array.from(xs),
    y: Float32Array.from(xs, (v) => -v),
    labels: new Uint8Array(xs.length),
    indices,
  });

  it('blend(from, to, t) goes from the old positions to the new ones, eased', () => {
    const a = frame([0, 10]),
      b = frame([10, 20]);
    expect(Array.from(blend(a, b, 0).x)).toEqual([0, 10]);
    expect(Array.from(blend(a, b, 0.5).x)).toEqual([5, 15]);
    expect(Array.from(blend(a, b, 1).y)).toEqual([-10, -20]);
    expect(ease(0.25)).toBeLessThan(0.25);
  });

  it('blend does not mutate its inputs, and places unmatched points at their target', () => {
    const a = Object.freeze(frame([0, 10])),
      b = frame([10, 20, 30]);
    expect(Array.from(blend(a, b, 0).x)).toEqual([10, 20, 30]);
    expect(Array.from(a.x)).toEqual([0, 10]);
  });

  it('toFrame keeps a partial update as is and cuts a full embedding to the same subset', () => {
    const partial = { x: Float32Array.of(1, 2), y: Float32Array.of(3, 4), labels: Uint8Array.of(7, 8), indices: Uint32Array.of(5, 9) };
    const f = toFrame(partial, null);
    expect(f.indices).toBe(partial.indices);
    const full = {
      x: Float32Array.from({ length: 12 }, (_, i) => i),
      y: new Float32Array(12),
      labels: Uint8Array.from({ length: 12 }, (_, i) => i % 10),
    };
    const g = toFrame(full, f.indices);
    expect(Array.from(g.x)).toEqual([5, 9]);
    expect(Array.from(g.labels)).toEqual([5, 9]);
    expect(sameIndices(f.indices, g.indices)).toBe(true);
  });

  it('strided spreads at most SUBSET indices over a large embedding', () => {
    const s = strided(70_000, SUBSET);
    expect(s.length).toBe(SUBSET);
    expect(s[0]).toBe(0);
    expect(s[SUBSET - 1]).toBeLessThan(70_000);
    expect(strided(3, SUBSET)).toEqual(Uint32Array.of(0, 1, 2));
  });
});

describe('suggestedRate', () => {
  it('takes the rate the engine suggests, else a tenth of the one used', () => {
    expect(suggestedRate('Training diverged … Try a lower learning rate (now 0.5; e.g. 0.05).', 0.5)).toBe(0.05);
    expect(suggestedRate(null, 0.3)).toBe(0.03);
  });
});
