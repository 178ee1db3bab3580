import { describe, expect, it } from 'vitest';
import { median, quantile } from '../../../src/bench/stats.js';

describe('bench statistics', () => {
  it('median and quantile use nearest rank on a sorted copy without touching the input', () => {
    const values = Object.freeze([5, 1, 4, 2, 3]);
    expect(median(values)).toBe(3);
    expect(quantile(values, 0.99)).toBe(5);
    expect(quantile(values, 0)).toBe(1);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it('p99 of 500 calls is the 495th smallest', () => {
    const values = Array.from({ length: 500 }, (_, i) => 500 - i);
    expect(quantile(values, 0.99)).toBe(495);
  });
});
