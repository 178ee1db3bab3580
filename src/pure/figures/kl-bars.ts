/**
 * A VAE's KL divergence from the prior per latent dimension, in nats: one bar per dimension, by index or largest
 * first, each bar's value written above it. Dimensions under 0.01 nats (the prior copied: unused) are grey.
 */
import { renderDimensionBarsSvg } from './dimension-bars.js';
import type { FigureOptions } from './style.js';

/** Below this many nats a dimension counts as unused (its posterior is the prior for every image). */
export const KL_UNUSED_NATS = 0.01;

export interface KlBarsData {
  /** KL_j in nats, one per latent dimension. */
  kl: ArrayLike<number>;
  /** Largest first (default false: by index). */
  sorted?: boolean;
  /** Axis caption. Default "KL per dimension, nats". */
  valueLabel?: string;
}

/** Dimensions (0-based) largest KL first; ties by index. Does not mutate `kl`. */
export function klOrder(kl: ArrayLike<number>): number[] {
  return Array.from(kl, (_, j) => j).sort((a, b) => kl[b]! - kl[a]! || a - b);
}

/** Nats to 2 decimals (3 under 0.1, so small but non-zero values do not read as 0.00). */
export function formatNats(v: number): string {
  return v < 0.1 && v > 0 ? v.toFixed(3) : v.toFixed(2);
}

export function renderKlSvg(data: KlBarsData, options: FigureOptions = {}): string {
  return renderDimensionBarsSvg(
    {
      values: data.kl,
      threshold: KL_UNUSED_NATS,
      valueLabel: data.valueLabel ?? 'KL per dimension, nats',
      order: data.sorted ? klOrder(data.kl) : undefined,
      valueFormat: formatNats,
      figureLabel: 'KL per latent dimension',
    },
    options,
  );
}
