/**
 * Learning-rate schedules, as a function of the step: the training loop sets Adam's step size from here before
 * every step, the studio draws the curve. A schedule knows the whole run's length, so a resumed run (which
 * starts at a later step) takes the same rates an uninterrupted one would. Pure module.
 */

/** `constant`: the configured rate throughout. `one-cycle`: warm-up then cosine annealing (Smith's one-cycle, in
 * PyTorch's OneCycleLR form). `cosine`: cosine annealing from the configured rate to zero. */
export const SCHEDULES = ['constant', 'one-cycle', 'cosine'] as const;
export type Schedule = (typeof SCHEDULES)[number];

/** One-cycle's shape, PyTorch's OneCycleLR defaults: a warm-up over 30 % of the steps from peak/25, then down to peak/25/1e4. */
export const ONE_CYCLE = { warmupFraction: 0.3, divFactor: 25, finalDivFactor: 1e4 } as const;

const cosineBetween = (from: number, to: number, t: number) => to + ((from - to) * (1 + Math.cos(Math.PI * t))) / 2;

/**
 * The step size of step `step` (0-based) of `totalSteps`, for a run configured with `peak` (the config's learning
 * rate: the constant rate, or the schedule's highest).
 */
export function learningRateAt(schedule: Schedule, peak: number, step: number, totalSteps: number): number {
  if (schedule === 'constant' || totalSteps <= 1) return peak;
  const t = Math.min(Math.max(step / (totalSteps - 1), 0), 1);
  if (schedule === 'cosine') return cosineBetween(peak, 0, t);
  const start = peak / ONE_CYCLE.divFactor;
  const end = start / ONE_CYCLE.finalDivFactor;
  const w = ONE_CYCLE.warmupFraction;
  return t < w ? cosineBetween(start, peak, t / w) : cosineBetween(peak, end, (t - w) / (1 - w));
}
