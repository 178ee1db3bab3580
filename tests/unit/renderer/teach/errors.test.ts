import { describe, expect, it } from 'vitest';
import { classHistograms, formatError, orderByError, percentile } from '../../../../renderer/lib/teach/errors.js';

const errors = Float32Array.of(0.3, 0.1, 0.5, 0.1, 0.9);
const labels = Uint8Array.of(1, 2, 1, 2, 3);

describe('teach/errors', () => {
  it('orderByError(worst) puts the largest errors first, ties in dataset order', () => {
    expect([...orderByError(errors, labels, 'worst')]).toEqual([4, 2, 0, 1, 3]);
  });

  it('orderByError(best) is ascending and orderByError(index) keeps the order', () => {
    expect([...orderByError(errors, labels, 'best')]).toEqual([1, 3, 0, 2, 4]);
    expect([...orderByError(errors, labels, 'index')]).toEqual([0, 1, 2, 3, 4]);
  });

  it('orderByError with a class keeps only that class and does not mutate its input', () => {
    const frozen = Float32Array.from(errors);
    expect([...orderByError(errors, labels, 'worst', 1)]).toEqual([2, 0]);
    expect(errors).toEqual(frozen);
  });

  it('classHistograms bins each class from 0 to max, the last bin taking everything above', () => {
    const h = classHistograms(errors, labels, 4, 2, 0.4);
    expect(h.edges).toEqual([0, 0.2, 0.4]);
    expect(h.counts).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
      [0, 1],
    ]);
    expect(h.peak).toBe(2);
  });

  it('percentile(values, q) is the nearest-rank quantile', () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 1)).toBe(5);
    expect(percentile([], 0.9)).toBe(0);
  });

  it('formatError shows four decimals, a dash for NaN', () => {
    expect(formatError(0.123456)).toBe('0.1235');
    expect(formatError(NaN)).toBe('–');
  });
});
