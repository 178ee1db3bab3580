/**
 * Manifold grid: the decoder's output on an n x n lattice of latent points, drawn as one seamless mosaic with
 * axes in latent coordinates, so the figure reads as a map of what each region of the plane decodes to.
 */
import { scaleLinear } from 'd3';
import { axisBottom, axisLeft } from './axis.js';
import { imageTag, mosaicUri, type DigitTone, type PackedImages } from './digits.js';
import { frame, frameLayout, type FigureOptions } from './style.js';
import { group, tag } from './svg.js';

const defaults = {
  tone: 'mnist' as DigitTone,
  xLabel: 'z_1' as string | null,
  yLabel: 'z_2' as string | null,
  /** Approximate tick count per axis. */
  ticks: 5,
};

export interface ManifoldGridData {
  /** `n * n` images, row-major, top row first (the row at the largest z2). */
  images: PackedImages;
  n: number;
  /** Latent x range `[x0, x1]` of the grid's box, as given to `gridPoints` (tiles sit at cell centres). */
  x: readonly [number, number];
  /** Latent y range `[y0, y1]` of the box; the top row is at y1. */
  y: readonly [number, number];
}

export interface ManifoldGridOptions extends FigureOptions {
  tone?: DigitTone;
  xLabel?: string | null;
  yLabel?: string | null;
  ticks?: number;
}

/** Renders a manifold grid as an SVG document string; the grid is square and centred. */
export function renderGridSvg(data: ManifoldGridData, options: ManifoldGridOptions = {}): string {
  const o = { ...defaults, ...options };
  const n = data.n;
  if (!(n >= 1) || data.images.length < n * n * 784)
    throw new RangeError(`grid of ${n}x${n} needs ${n * n * 784} pixels, got ${data.images.length}`);
  const { plot } = frameLayout(o);
  const left = o.yLabel ? 62 : 44;
  const bottom = o.xLabel ? 48 : 28;
  const tile = Math.floor(Math.min(plot.width - left, plot.height - bottom - 8) / n);
  const side = tile * n;
  const x0 = plot.x + left + (plot.width - left - side) / 2;
  const y0 = plot.y + 8 + (plot.height - bottom - 8 - side) / 2;
  // The mosaic spans the box edge to edge, so each tile's centre lands on the latent point it decodes.
  const x = scaleLinear()
    .domain([data.x[0], data.x[1]])
    .range([x0, x0 + side]);
  const y = scaleLinear()
    .domain([data.y[0], data.y[1]])
    .range([y0 + side, y0]);
  const mosaic = mosaicUri(data.images, { cols: n, tone: o.tone, indices: Array.from({ length: n * n }, (_, i) => i) });
  return frame(o, 'manifold grid', [
    group(
      `decoded grid ${n}x${n}`,
      {},
      imageTag(mosaic.uri, x0, y0, side, side),
      tag('rect', { x: x0, y: y0, width: side, height: side, fill: 'none', stroke: '#9a9a9a', 'stroke-width': 0.75 }),
    ),
    axisBottom(x, y0 + side, { label: o.xLabel, ticks: o.ticks }),
    axisLeft(y, x0, { label: o.yLabel, ticks: o.ticks }),
  ]);
}
