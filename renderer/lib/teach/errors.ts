/**
 * Ordering and binning of reconstruction errors for the reconstructions lesson: worst first is the anomaly
 * detector the course notes describe; histograms per class show which digits the model finds hard. Pure.
 */

export const SORTS = ['worst', 'best', 'index'] as const;
export type SortMode = (typeof SORTS)[number];

/**
 * Positions `0..errors.length-1` in display order: by error (descending for `worst`, ascending for `best`,
 * ties by position) or as they come; only those of class `only` when it is not null.
 */
export function orderByError(
  errors: ArrayLike<number>,
  labels: ArrayLike<number>,
  mode: SortMode,
  only: number | null = null,
): Uint32Array {
  const keep: number[] = [];
  for (let i = 0; i < errors.length; i++) if (only === null || labels[i] === only) keep.push(i);
  if (mode !== 'index') {
    const sign = mode === 'worst' ? -1 : 1;
    keep.sort((a, b) => sign * (errors[a]! - errors[b]!) || a - b);
  }
  return Uint32Array.from(keep);
}

export interface ClassHistograms {
  /** `bins + 1` bin edges from 0 to `max`. */
  edges: number[];
  /** `counts[c][b]`: images of class c whose error falls in bin b (the last bin also takes errors >= max). */
  counts: number[][];
  /** Largest count of any bin, for a shared y scale. */
  peak: number;
}

/** Histograms of `errors` per class over `bins` equal bins from 0 to `max` (default: the 99th percentile). */
export function classHistograms(
  errors: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
  bins: number,
  max?: number,
): ClassHistograms {
  const top = max ?? percentile(errors, 0.99);
  const width = top > 0 ? top / bins : 1;
  const counts = Array.from({ length: classes }, () => new Array<number>(bins).fill(0));
  let peak = 0;
  for (let i = 0; i < errors.length; i++) {
    const c = labels[i]!;
    if (c >= classes) continue;
    const b = Math.max(0, Math.min(bins - 1, Math.floor(errors[i]! / width)));
    peak = Math.max(peak, ++counts[c]![b]!);
  }
  return { edges: Array.from({ length: bins + 1 }, (_, b) => b * width), counts, peak };
}

/** The q quantile (0..1) of values, nearest rank; 0 when empty. */
export function percentile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Error as shown in the lessons: 4 significant decimals. */
export function formatError(e: number): string {
  return Number.isFinite(e) ? e.toFixed(4) : '–';
}
