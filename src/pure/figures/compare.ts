/**
 * Figures that compare runs: their loss curves overlaid, and the same test digits reconstructed by each run
 * (one row per run, under the originals), for slides that compare architectures, losses or code sizes.
 */
import { line, scaleLinear } from 'd3';
import { axisBottom, axisLeft, gridLines } from './axis.js';
import type { PackedImages } from './digits.js';
import type { LossPoint } from './loss.js';
import { CLASS_COLORS } from './palette.js';
import { renderStrips, type StripOptions } from './strips.js';
import { frame, frameLayout, LABEL_SIZE, textWidth, type FigureOptions } from './style.js';
import { group, tag, text } from './svg.js';

export interface RunCurves {
  name: string;
  history: readonly LossPoint[];
}

export interface LossCompareOptions extends FigureOptions {
  /** Which loss to overlay: `test` (default, comparable across runs) or `train`. */
  series?: 'test' | 'train';
  yLabel?: string | null;
  xLabel?: string | null;
}

/** Loss per epoch of several runs on one axis, one colour per run. */
export function renderLossCompareSvg(runs: readonly RunCurves[], options: LossCompareOptions = {}): string {
  const o = { series: 'test' as const, yLabel: 'loss per pixel', xLabel: 'epoch', ...options };
  const curves = runs.map((r, k) => ({
    name: r.name,
    color: CLASS_COLORS[k % CLASS_COLORS.length]!,
    points: r.history
      .map((p) => [p.epoch, o.series === 'test' ? p.testLoss : p.loss] as const)
      .filter((p): p is readonly [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1])),
  }));
  const all = curves.flatMap((c) => c.points);
  if (runs.length < 1 || all.length === 0) throw new RangeError(`comparing losses needs runs with a finite ${o.series} loss`);
  const { plot } = frameLayout(o);
  const legendWidth = Math.max(...curves.map((c) => textWidth(c.name, LABEL_SIZE))) + 40;
  const box = { x: plot.x + 70, y: plot.y + 10, width: 0, height: plot.height - 58 };
  box.width = plot.width - 70 - legendWidth - 12;
  const x = scaleLinear()
    .domain([Math.min(0, ...all.map((p) => p[0])), Math.max(1, ...all.map((p) => p[0]))])
    .range([box.x, box.x + box.width]);
  const lo = Math.min(...all.map((p) => p[1]));
  const hi = Math.max(...all.map((p) => p[1]));
  const y = scaleLinear()
    .domain([Math.max(0, lo - (hi - lo) * 0.1), hi + (hi - lo) * 0.1 || hi * 1.1 + 1e-6])
    .range([box.y + box.height, box.y])
    .nice();
  const path = line<readonly [number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  return frame(o, `${o.series} loss of ${runs.length} runs`, [
    gridLines(x, y, 6),
    ...curves.map((c) =>
      group(
        `run ${c.name}`,
        { stroke: c.color, fill: c.color },
        c.points.length > 1 ? tag('path', { d: path(c.points) ?? '', fill: 'none', 'stroke-width': 2.25 }) : null,
        ...c.points.map(([e, v]) => tag('circle', { cx: x(e), cy: y(v), r: 3, stroke: '#ffffff', 'stroke-width': 1 })),
      ),
    ),
    axisBottom(x, box.y + box.height, { label: o.xLabel, format: (v: number) => (Number.isInteger(v) ? String(v) : '') }),
    axisLeft(y, box.x, { label: o.yLabel, labelOffset: 56 }),
    group(
      'legend',
      { 'font-size': LABEL_SIZE },
      ...curves.map((c, k) =>
        group(
          `legend ${c.name}`,
          { transform: `translate(${box.x + box.width + 16},${box.y + 12 + k * 22})` },
          tag('line', { x1: 0, x2: 22, stroke: c.color, 'stroke-width': 2.25 }),
          tag('text', { x: 30, dy: '0.35em' }, text(c.name)),
        ),
      ),
    ),
  ]);
}

export interface ReconstructionCompareData {
  originals: PackedImages;
  runs: readonly { name: string; reconstructions: PackedImages }[];
  labels?: ArrayLike<number>;
}

/** The same test digits reconstructed by several runs: originals on top, one row per run. */
export function renderReconstructionCompareSvg(
  data: ReconstructionCompareData,
  options: StripOptions & { originalLabel?: string } = {},
): string {
  const count = Math.floor(data.originals.length / 784);
  if (data.runs.length < 1) throw new RangeError('comparing reconstructions needs at least one run');
  const headers = data.labels ? Array.from({ length: count }, (_, i) => String(data.labels![i])) : undefined;
  return renderStrips(
    [
      { label: options.originalLabel ?? 'original', images: data.originals },
      ...data.runs.map((r) => ({ label: r.name, images: r.reconstructions })),
    ],
    count,
    { ...options, columnHeaders: options.columnHeaders ?? headers },
    'reconstructions compared',
  );
}
