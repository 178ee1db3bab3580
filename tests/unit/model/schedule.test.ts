/** Learning-rate schedules: the one-cycle and cosine shapes at their landmarks, and a resumed run's steps. */
import { describe, expect, it } from 'vitest';
import { learningRateAt, ONE_CYCLE } from '../../../src/pure/model/schedule.js';

describe('learningRateAt', () => {
  const peak = 4e-3;
  const steps = 1001;

  it('constant: the configured rate at every step', () => {
    for (const s of [0, 500, 1000]) expect(learningRateAt('constant', peak, s, steps)).toBe(peak);
  });

  it("one-cycle: PyTorch OneCycleLR's shape (peak/25 up to the peak at 30 %, down to peak/25/1e4 at the end)", () => {
    expect(learningRateAt('one-cycle', peak, 0, steps)).toBeCloseTo(peak / ONE_CYCLE.divFactor, 12);
    expect(learningRateAt('one-cycle', peak, 300, steps)).toBeCloseTo(peak, 12);
    expect(learningRateAt('one-cycle', peak, 1000, steps)).toBeCloseTo(peak / 25 / 1e4, 12);
    // Half-way down the cosine: the mean of the peak and the final rate.
    expect(learningRateAt('one-cycle', peak, 650, steps)).toBeCloseTo((peak + peak / 25 / 1e4) / 2, 9);
    let previous = 0;
    for (let s = 0; s <= 300; s++) {
      const rate = learningRateAt('one-cycle', peak, s, steps);
      expect(rate).toBeGreaterThanOrEqual(previous);
      previous = rate;
    }
    for (let s = 301; s <= 1000; s++) {
      const rate = learningRateAt('one-cycle', peak, s, steps);
      expect(rate).toBeLessThanOrEqual(previous);
      previous = rate;
    }
  });

  it('cosine: from the configured rate to zero, half at the middle', () => {
    expect(learningRateAt('cosine', peak, 0, steps)).toBe(peak);
    expect(learningRateAt('cosine', peak, 500, steps)).toBeCloseTo(peak / 2, 12);
    expect(learningRateAt('cosine', peak, 1000, steps)).toBeCloseTo(0, 12);
  });

  it('depends on the step and the run length only, so a run resumed at a later epoch takes the same rates', () => {
    const batches = 469;
    const whole = Array.from({ length: 10 * batches }, (_, s) => learningRateAt('one-cycle', peak, s, 10 * batches));
    // Epoch 4 of a resumed run: its first step is (4 - 1) * batches, as the training loop counts.
    for (let b = 0; b < batches; b++) expect(learningRateAt('one-cycle', peak, 3 * batches + b, 10 * batches)).toBe(whole[3 * batches + b]);
  });

  it('a one-step run takes the configured rate', () => {
    expect(learningRateAt('one-cycle', peak, 0, 1)).toBe(peak);
  });
});
