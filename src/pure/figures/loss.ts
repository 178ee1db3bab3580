/**
 * Loss curves: train and test loss per epoch, the usual first slide about a trained model.
 */
import { line, scaleLinear, scaleLog, type ScaleLinear } from 'd3';
import { axisBottom, axisLeft, gridLines } from './axis.js';
import { CLASS_COLORS } from './palette.js';
import { frame, frameLayout, LABEL_SIZE, type FigureOptions } from './style.js';
import { group, tag, text } from './svg.js';

const defaults = {
  xLabel: 'epoch' as string | null,
  yLabel: 'loss' as string | null,
  trainLabel: 'train',
  testLabel: 'test',
  /** Log-scaled loss axis, for runs whose loss falls by orders of magnitude. */
  logY: false,
  /** Epoch markers are drawn up to this many epochs. */
  markersUpTo: 40,
};

export interface LossPoint {
  epoch: number;
  /** Training loss of the epoch; null (as run.json stores a non-finite loss) leaves the epoch out. */
  loss: number | null;
  /** Test loss at the end of the epoch, when measured. */
  testLoss?: number | null;
}

export interface LossData {
  history: readonly LossPoint[];
}

export interface LossOptions extends FigureOptions {
  xLabel?: string | null;
  yLabel?: string | null;
  trainLabel?: string;
  testLabel?: string;
  logY?: boolean;
  markersUpTo?: number;
  /** Epoch axis range; default the epochs in the history. The app passes 0..planned epochs, as its chart shows. */
  xDomain?: readonly [number, number];
  /** Loss axis range; default from the losses. An animation fixes it so the axis holds still while the curve grows. */
  yDomain?: readonly [number, number];
}

/** Renders train/test loss per epoch as an SVG document string. */
export function renderLossSvg(data: LossData, options: LossOptions = {}): string {
  const o = { ...defaults, ...options };
  const history = data.history.filter((p): p is LossPoint & { loss: number } => Number.isFinite(p.epoch) && Number.isFinite(p.loss));
  // With both axes given (an animation's first frame) an empty history draws empty axes.
  if (history.length === 0 && !(o.xDomain && o.yDomain)) throw new RangeError('loss figure needs at least one epoch with a finite loss');
  const { plot } = frameLayout(o);
  const box = { x: plot.x + (o.yLabel ? 70 : 52), y: plot.y + 10, width: 0, height: 0 };
  box.width = plot.x + plot.width - box.x - 12;
  box.height = plot.y + plot.height - (o.xLabel ? 48 : 28) - box.y;
  const epochs = history.map((p) => p.epoch);
  const values = history.flatMap((p) => [p.loss, p.testLoss]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const [e0, e1] = [Math.min(...epochs), Math.max(...epochs)];
  const x = scaleLinear()
    .domain(o.xDomain ? [o.xDomain[0], o.xDomain[1]] : e0 === e1 ? [e0 - 1, e1 + 1] : [e0, e1])
    .range([box.x, box.x + box.width]);
  const lo = o.yDomain ? o.yDomain[0] : Math.min(...values);
  const hi = o.yDomain ? o.yDomain[1] : Math.max(...values);
  const log = o.logY && lo > 0;
  // A log axis is not niced: that would stretch it to whole decades and squash the curves.
  const y = log
    ? (scaleLog()
        .domain([lo / 1.15, hi * 1.15])
        .range([box.y + box.height, box.y]) as unknown as ScaleLinear<number, number>)
    : o.yDomain
      ? scaleLinear()
          .domain([lo, hi])
          .range([box.y + box.height, box.y])
      : scaleLinear()
          .domain([Math.max(0, lo - (hi - lo) * 0.1), hi + (hi - lo) * 0.1 || hi * 1.1 + 1e-6])
          .range([box.y + box.height, box.y])
          .nice();
  const intTicks = (v: number) => (Number.isInteger(v) ? String(v) : '');

  const series = [
    { name: o.trainLabel, color: CLASS_COLORS[0]!, points: history.map((p) => [p.epoch, p.loss] as const) },
    {
      name: o.testLabel,
      color: CLASS_COLORS[5]!,
      points: history
        .filter((p) => typeof p.testLoss === 'number' && Number.isFinite(p.testLoss))
        .map((p) => [p.epoch, p.testLoss!] as const),
    },
  ].filter((s) => s.points.length > 0);
  const path = line<readonly [number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));

  return frame(o, 'loss curves', [
    gridLines(x, y, 6),
    ...series.map((s) =>
      group(
        `${s.name} loss`,
        { stroke: s.color, fill: s.color },
        s.points.length > 1
          ? tag('path', { d: path(s.points) ?? '', fill: 'none', 'stroke-width': 2.25, 'stroke-linejoin': 'round' })
          : null,
        ...(history.length <= o.markersUpTo
          ? s.points.map(([ex, v]) => tag('circle', { cx: x(ex), cy: y(v), r: 3.5, stroke: '#ffffff', 'stroke-width': 1 }))
          : []),
      ),
    ),
    axisBottom(x, box.y + box.height, { label: o.xLabel, format: intTicks }),
    axisLeft(y, box.x, { label: o.yLabel, labelOffset: 56, format: log ? y.tickFormat(6, '~g') : undefined }),
    group(
      'legend',
      { 'font-size': LABEL_SIZE, 'text-anchor': 'end' },
      ...series.map((s, k) =>
        group(
          `legend ${s.name}`,
          { transform: `translate(${box.x + box.width - 8},${box.y + 12 + k * 22})` },
          tag('text', { x: -30, dy: '0.35em' }, text(s.name)),
          tag('line', { x1: -22, x2: 0, stroke: s.color, 'stroke-width': 2.25 }),
          tag('circle', { cx: -11, r: 3.5, fill: s.color, stroke: '#ffffff', 'stroke-width': 1 }),
        ),
      ),
    ),
  ]);
}
