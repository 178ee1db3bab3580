/**
 * d3-scale axes rendered as SVG strings (d3-axis needs a DOM selection; the tick maths is all we take from d3).
 */
import type { ScaleLinear } from 'd3';
import { group, label, tag, text } from './svg.js';
import { GRID_LINE, INK, LABEL_SIZE, MUTED, RULE, TICK_SIZE } from './style.js';

export interface AxisOptions {
  /** Approximate tick count passed to `scale.ticks`. Default 6. */
  ticks?: number;
  /** Axis title; none when null or empty. */
  label?: string | null;
  /** Tick label format; default the scale's `tickFormat`. */
  format?: (value: number) => string;
}

const TICK = 5;

/** Horizontal axis along the bottom edge at `y` (px): ticks below, label centred under the ticks. */
export function axisBottom(scale: ScaleLinear<number, number>, y: number, opts: AxisOptions = {}): string {
  const ticks = scale.ticks(opts.ticks ?? 6);
  const format = opts.format ?? scale.tickFormat(opts.ticks ?? 6);
  const [x0, x1] = scale.range() as [number, number];
  return group(
    'x-axis',
    { transform: `translate(0,${y})`, 'font-size': TICK_SIZE },
    tag('path', { 'aria-label': 'x-axis domain', d: `M${x0},0H${x1}`, stroke: RULE, fill: 'none' }),
    group('x-axis tick', { stroke: RULE }, ...ticks.map((t) => tag('line', { x1: scale(t), x2: scale(t), y2: TICK }))),
    group(
      'x-axis tick label',
      { 'text-anchor': 'middle', fill: MUTED },
      ...ticks.map((t) => tag('text', { x: scale(t), y: TICK + 3 + TICK_SIZE * 0.8 }, text(format(t)))),
    ),
    opts.label
      ? tag(
          'text',
          {
            'aria-label': 'x-axis label',
            x: (x0 + x1) / 2,
            y: TICK + TICK_SIZE + 8 + LABEL_SIZE * 0.8,
            'text-anchor': 'middle',
            'font-size': LABEL_SIZE,
            fill: INK,
          },
          label(opts.label),
        )
      : null,
  );
}

/** Vertical axis along the left edge at `x` (px): ticks to the left, label rotated, `labelOffset` px left of the axis. */
export function axisLeft(scale: ScaleLinear<number, number>, x: number, opts: AxisOptions & { labelOffset?: number } = {}): string {
  const ticks = scale.ticks(opts.ticks ?? 6);
  const format = opts.format ?? scale.tickFormat(opts.ticks ?? 6);
  const [y0, y1] = scale.range() as [number, number];
  const labelX = -(opts.labelOffset ?? 44);
  return group(
    'y-axis',
    { transform: `translate(${x},0)`, 'font-size': TICK_SIZE },
    tag('path', { 'aria-label': 'y-axis domain', d: `M0,${y0}V${y1}`, stroke: RULE, fill: 'none' }),
    group('y-axis tick', { stroke: RULE }, ...ticks.map((t) => tag('line', { y1: scale(t), y2: scale(t), x2: -TICK }))),
    group(
      'y-axis tick label',
      { 'text-anchor': 'end', fill: MUTED },
      ...ticks.map((t) => tag('text', { x: -TICK - 3, y: scale(t), dy: '0.32em' }, text(format(t)))),
    ),
    opts.label
      ? tag(
          'text',
          {
            'aria-label': 'y-axis label',
            transform: `translate(${labelX},${(y0 + y1) / 2}) rotate(-90)`,
            'text-anchor': 'middle',
            'font-size': LABEL_SIZE,
            fill: INK,
          },
          label(opts.label),
        )
      : null,
  );
}

/** Light grid lines at the ticks of both scales, drawn under the data. */
export function gridLines(x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, ticks = 6): string {
  const [x0, x1] = x.range() as [number, number];
  const [y0, y1] = y.range() as [number, number];
  return group(
    'grid',
    { stroke: GRID_LINE, 'stroke-width': 1 },
    ...x.ticks(ticks).map((t) => tag('line', { x1: x(t), x2: x(t), y1: y0, y2: y1 })),
    ...y.ticks(ticks).map((t) => tag('line', { y1: y(t), y2: y(t), x1: x0, x2: x1 })),
  );
}
