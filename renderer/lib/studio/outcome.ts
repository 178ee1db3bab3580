/** What the studio tells the user after a run stopped. Pure. */

/**
 * A learning rate worth trying after a divergence: the one the engine's message suggests (`e.g. 0.001`), else
 * a tenth of the rate used.
 */
export function suggestedRate(message: string | null, used: number): number {
  const m = message ? /e\.g\. ([0-9.eE+-]+)\)/.exec(message) : null;
  const parsed = m ? Number(m[1]) : NaN;
  if (Number.isFinite(parsed) && parsed > 0) return parsed;
  return Number.isFinite(used) && used > 0 ? Number((used / 10).toPrecision(3)) : 0.0001;
}
