/**
 * The explorer's and the studio's exports: each turns what a view shows (zoom, split, hidden classes, the
 * interpolation pair, the crosshair, the grid's latent box, the live loss curves) into the data and options of
 * the project's figure functions, so an export is the view as seen and looks like the `figure` command's output.
 * Pure: no DOM, no Svelte.
 */
import type { Embedding, Interpolation } from '../../../src/pure/api/api.js';
import { renderGridSvg } from '../../../src/pure/figures/grid.js';
import { renderInterpolationSvg } from '../../../src/pure/figures/interpolation.js';
import { renderLossSvg, type LossPoint as FigureLossPoint } from '../../../src/pure/figures/loss.js';
import {
  renderScatterSvg,
  type ScatterData,
  type ScatterMarker,
  type ScatterOptions,
  type ScatterShade,
} from '../../../src/pure/figures/scatter.js';
import { LABEL_SIZE, PAD, SIZES, textWidth } from '../../../src/pure/figures/style.js';
import type { LossPoint } from '../studio/loss-chart.js';
import type { Domain } from './plot-mapping.js';
import { hiddenMask, splitRange, visibleIndices, type Split } from './raster.js';

/** Panels export at the 16:9 slide size; the scatter keeps that width and takes its height from the view. */
export const PANEL_SIZE = SIZES['16:9'];

/** What the scatter shows, as the explorer holds it. */
export interface ScatterViewState {
  embedding: Pick<Embedding, 'x' | 'y' | 'labels' | 'trainCount'>;
  split: Split;
  hidden: readonly number[];
  /** The latent region in view (the scatter has equal units on both axes). */
  domain: Domain;
  classNames?: readonly string[];
  /** Interpolation path, interleaved x, y. */
  path?: ArrayLike<number> | null;
  /** Interpolation samples A and B (dataset indices). */
  pair?: readonly (number | null)[];
  /** The decode crosshair. */
  probe?: readonly [number, number] | null;
  /** The drawn digit's code. */
  mark?: readonly [number, number] | null;
  /** Figure title (the compare view names the model); none by default. */
  title?: string | null;
  /** A sample selected elsewhere (the compare view's ring). */
  highlight?: number | null;
  /** An image over a latent box (the lab's classifier shading). */
  shade?: ScatterShade | null;
}

/** The shown points (split range minus hidden classes) and the figure options that reproduce the view. */
export function scatterFigureSpec(s: ScatterViewState): { data: ScatterData; options: ScatterOptions } {
  const { x, y, labels, trainCount } = s.embedding;
  const [start, end] = splitRange(s.split, trainCount, labels.length);
  const shown = visibleIndices(labels, { start, end, hiddenMask: hiddenMask(s.hidden) });
  const data: ScatterData = {
    x: Float32Array.from(shown, (i) => x[i]!),
    y: Float32Array.from(shown, (i) => y[i]!),
    labels: Uint8Array.from(shown, (i) => labels[i]!),
    classNames: s.classNames,
  };
  const markers: ScatterMarker[] = [];
  (s.pair ?? []).forEach((i, k) => {
    if (i !== null && i < labels.length) markers.push({ x: x[i]!, y: y[i]!, kind: 'ring', label: k === 0 ? 'A' : 'B' });
  });
  if (s.highlight != null && s.highlight < labels.length) markers.push({ x: x[s.highlight]!, y: y[s.highlight]!, kind: 'ring' });
  if (s.mark) markers.push({ x: s.mark[0], y: s.mark[1], kind: 'ring' });
  if (s.probe) markers.push({ x: s.probe[0], y: s.probe[1], kind: 'cross' });
  return {
    data,
    options: {
      xDomain: [s.domain.x0, s.domain.x1],
      yDomain: [s.domain.y0, s.domain.y1],
      ...scatterSize(s.domain, legendNames(s.classNames, s.hidden), s.title),
      ...(s.title ? { title: s.title } : {}),
      ...(s.path && s.path.length >= 4 ? { path: s.path } : {}),
      ...(markers.length ? { markers } : {}),
      ...(s.shade ? { shade: s.shade } : {}),
    },
  };
}

/**
 * Names the legend may list: the classes not hidden. Sizing by these, not by the classes present in the data,
 * lets the view know the figure's size without filtering 70k points on every zoom frame.
 */
export function legendNames(classNames: readonly string[] | undefined, hidden: readonly number[]): string[] {
  const names = classNames?.length ? classNames : Array.from({ length: 10 }, (_, c) => String(c));
  return names.filter((_, c) => !hidden.includes(c));
}

/**
 * Figure size whose plot box has the view's aspect, so the exported zoom keeps equal units on both axes.
 * Mirrors the scatter figure's layout (axis margins, legend column); height is kept between 300 and 1200 px.
 */
export function scatterSize(domain: Domain, legendNames: readonly string[], title?: string | null): { width: number; height: number } {
  const width = PANEL_SIZE.width;
  const legend = legendNames.length ? Math.max(...legendNames.map((n) => textWidth(n, LABEL_SIZE))) + 34 : 0;
  const boxWidth = width - 2 * PAD - 62 - legend - 8;
  const aspect = (domain.y1 - domain.y0) / (domain.x1 - domain.x0);
  // Padding, x-axis band and top gap; a title takes a 40 px band in place of the top padding (style.ts).
  const chrome = 2 * PAD + 48 + 10 + (title ? 40 - PAD : 0);
  const height = Math.round(Math.min(1200, Math.max(300, boxWidth * (Number.isFinite(aspect) && aspect > 0 ? aspect : 9 / 16) + chrome)));
  return { width, height };
}

export function scatterFigure(s: ScatterViewState): string {
  const { data, options } = scatterFigureSpec(s);
  return renderScatterSvg(data, options);
}

/** The manifold grid as the panel shows it: `n * n` decoded images over the latent box they were decoded on. */
export function gridFigure(images: Uint8Array, n: number, domain: Domain): string {
  return renderGridSvg({ images, n, x: [domain.x0, domain.x1], y: [domain.y0, domain.y1] }, { size: '16:9' });
}

/** The interpolation strip as shown: latent row over pixel row, A and B named over the end columns. */
export function interpolationFigure(
  strip: Interpolation,
  pair: readonly (number | null)[],
  labels: { latent: string; pixel: string },
): string {
  const name = (i: number | null | undefined) => (i === null || i === undefined ? undefined : `#${i}`);
  return renderInterpolationSvg(
    { latent: strip.latent, pixel: strip.pixel, mode: strip.mode, fromLabel: name(pair[0]), toLabel: name(pair[1]) },
    { latentLabel: labels.latent, pixelLabel: labels.pixel },
  );
}

/**
 * The live chart's curves as the loss figure's history: one entry per train point (x in epochs), and each test
 * point joined to the train curve at its epoch (the train loss interpolated there, so the train line is unchanged).
 */
export function lossHistory(train: readonly LossPoint[], test: readonly LossPoint[]): FigureLossPoint[] {
  const ok = (p: LossPoint) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const out: FigureLossPoint[] = train.filter(ok).map((p) => ({ epoch: p.x, loss: p.y }));
  for (const p of test.filter(ok)) {
    const at = out.findIndex((q) => Math.abs(q.epoch - p.x) < 1e-9);
    if (at >= 0) {
      out[at] = { ...out[at]!, testLoss: p.y };
      continue;
    }
    const after = out.findIndex((q) => q.epoch > p.x);
    const before = after < 0 ? out[out.length - 1] : after > 0 ? out[after - 1] : undefined;
    const next = after >= 0 ? out[after] : undefined;
    const loss =
      before && next
        ? before.loss! + ((next.loss! - before.loss!) * (p.x - before.epoch)) / (next.epoch - before.epoch)
        : ((before ?? next)?.loss ?? p.y);
    out.splice(after < 0 ? out.length : after, 0, { epoch: p.x, loss, testLoss: p.y });
  }
  return out;
}

/** The studio's loss chart as a figure: the same curves over the same epoch axis (0..epochs). */
export function lossFigure(
  train: readonly LossPoint[],
  test: readonly LossPoint[],
  epochs: number,
  labels: { train: string; test: string; epoch: string },
): string {
  return renderLossSvg(
    { history: lossHistory(train, test) },
    { xDomain: [0, Math.max(1, epochs)], trainLabel: labels.train, testLabel: labels.test, xLabel: labels.epoch },
  );
}
