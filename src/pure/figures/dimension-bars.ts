/**
 * One bar per latent dimension (how much each is in use), with an optional threshold line: the lab's activity
 * chart and its KL chart. Bars share a linear scale from 0 to the largest value.
 */
import { frame, frameLayout, INK, MUTED, RULE, TICK_SIZE, type FigureOptions } from './style.js';
import { group, label, tag, text } from './svg.js';

export interface DimensionBarsData {
  /** One non-negative value per dimension. */
  values: ArrayLike<number>;
  /** A value above which a dimension counts as in use (drawn as a dashed line; bars under it are grey). */
  threshold?: number;
  /** Axis caption, e.g. "variance of the mean code". */
  valueLabel?: string;
  /** Dimensions (0-based) in drawing order, left to right, e.g. largest first; a permutation. Default: by index. */
  order?: readonly number[];
  /** Writes each bar's value above it (up to 32 bars), e.g. `(v) => v.toFixed(2)`. */
  valueFormat?: (value: number) => string;
  /** What the figure is, for its accessible name. Default "latent dimension bars". */
  figureLabel?: string;
}

/** Most bars that get their value written above them. */
const MAX_VALUE_LABELS = 32;

/**
 * Every how many bars a name (z_j) is written: 1, or the smallest of 2, 5, 10, 20, 50, ... that keeps the names
 * apart (a 500-D model's 500 bars in the lab's 396 px panel: every 50th). The names are about 0.6 em a character.
 */
export function nameStep(bars: number, slot: number): number {
  const width = TICK_SIZE * 0.6 * (1 + 0.75 * String(bars).length) + 6;
  if (slot >= width) return 1;
  for (let scale = 1; ; scale *= 10) for (const step of [2, 5, 10]) if (slot * step * scale >= width) return step * scale;
}

export function renderDimensionBarsSvg(data: DimensionBarsData, options: FigureOptions = {}): string {
  const { plot } = frameLayout(options);
  const n = data.values.length;
  const values = Array.from(data.values, (v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
  const order = data.order ?? values.map((_, j) => j);
  if (order.length !== n || new Set(order).size !== n || order.some((j) => !Number.isInteger(j) || j < 0 || j >= n))
    throw new RangeError(`order must list each of the ${n} dimensions once`);
  const format = data.valueFormat && n <= MAX_VALUE_LABELS ? data.valueFormat : null;
  const top = Math.max(1e-12, ...values, data.threshold ?? 0);
  const left = plot.x + 8;
  const bottom = plot.y + plot.height - TICK_SIZE - 8;
  const height = bottom - plot.y - (data.valueLabel ? TICK_SIZE + 8 : 0) - (format ? TICK_SIZE + 2 : 0);
  const slot = (plot.width - 8) / Math.max(1, n);
  const bar = Math.max(1, slot * 0.7);
  const y = (v: number) => bottom - (v / top) * height;
  const every = nameStep(n, slot);
  const bars = order.map((j, k) => {
    const v = values[j]!;
    const centre = left + k * slot + slot / 2;
    return group(
      `z_${j + 1}`,
      {},
      tag('rect', {
        x: left + k * slot + (slot - bar) / 2,
        y: y(v),
        width: bar,
        height: Math.max(0, bottom - y(v)),
        fill: data.threshold !== undefined && v <= data.threshold ? RULE : '#4b7bec',
      }),
      format
        ? tag('text', { x: centre, y: y(v) - 3, 'text-anchor': 'middle', fill: INK, 'font-size': TICK_SIZE - 1 }, text(format(v)))
        : null,
      (k + 1) % every === 0
        ? tag('text', { x: centre, y: bottom + TICK_SIZE + 4, 'text-anchor': 'middle', fill: MUTED }, label(`z_${j + 1}`))
        : null,
    );
  });
  return frame(options, data.figureLabel ?? 'latent dimension bars', [
    data.valueLabel
      ? tag('text', { x: left, y: plot.y + TICK_SIZE, fill: MUTED }, text(`${data.valueLabel} (max ${top.toPrecision(3)})`))
      : null,
    tag('line', { x1: left, x2: left + n * slot, y1: bottom, y2: bottom, stroke: INK }),
    ...bars,
    data.threshold !== undefined
      ? tag('line', { x1: left, x2: left + n * slot, y1: y(data.threshold), y2: y(data.threshold), stroke: INK, 'stroke-dasharray': '4 3' })
      : null,
  ]);
}
