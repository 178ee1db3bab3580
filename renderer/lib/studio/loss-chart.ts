/**
 * The live loss chart's geometry: d3 scales and line paths for the train curve (one point per progress event)
 * and the test curve (one per epoch), with ticks. Pure: the component renders the strings as SVG.
 */
import { line, scaleLinear } from 'd3';

/** One point of a curve: x in epochs (0..epochs), y the loss. */
export interface LossPoint {
  x: number;
  y: number;
}

export interface ChartGeometry {
  train: string;
  test: string;
  /** Test points as circles. */
  testDots: { cx: number; cy: number }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

/** Margins of the plot inside the SVG, px. */
export const MARGIN = { top: 10, right: 14, bottom: 34, left: 46 } as const;

const finite = (p: LossPoint) => Number.isFinite(p.x) && Number.isFinite(p.y);

/** Lays out both curves in a `width` x `height` SVG, with the x axis spanning `epochs`. */
export function lossChart(
  train: readonly LossPoint[],
  test: readonly LossPoint[],
  epochs: number,
  width: number,
  height: number,
): ChartGeometry {
  const pts = [...train, ...test].filter(finite);
  const lo = pts.length ? Math.min(...pts.map((p) => p.y)) : 0;
  const hi = pts.length ? Math.max(...pts.map((p) => p.y)) : 1;
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 0.1;
  const x = scaleLinear()
    .domain([0, Math.max(1, epochs)])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([Math.max(0, lo - pad), hi + pad])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice(4);
  const path = line<LossPoint>()
    .defined(finite)
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const yFormat = y.tickFormat(4);
  return {
    train: path(train as LossPoint[]) ?? '',
    test: path(test as LossPoint[]) ?? '',
    testDots: test.filter(finite).map((p) => ({ cx: x(p.x), cy: y(p.y) })),
    xTicks: x
      .ticks(Math.min(Math.max(1, epochs), Math.max(2, Math.floor(width / 70))))
      .filter(Number.isInteger)
      .map((v) => ({ x: x(v), label: String(v) })),
    yTicks: y.ticks(4).map((v) => ({ y: y(v), label: yFormat(v) })),
  };
}
