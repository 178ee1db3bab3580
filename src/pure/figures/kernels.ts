/**
 * Encoder kernels: the incoming weights of the first layer's units, each drawn as a side x side image on a
 * diverging colour map (red positive, blue negative, white zero), with a colour bar giving the scale.
 */
import { interpolateRdBu, quantile, rgb, scaleLinear } from 'd3';
import { axisLeft } from './axis.js';
import { imageTag } from './digits.js';
import { pngDataUri } from './png.js';
import { frame, frameLayout, LABEL_SIZE, RULE, type FigureOptions } from './style.js';
import { group, tag, text } from './svg.js';

const defaults = {
  /** Most kernels drawn (the first units). */
  max: 64,
  /** `global`: one colour scale for all kernels (magnitudes compare); `each`: every kernel uses its own range. */
  scale: 'global' as 'global' | 'each',
  /** Quantile of |w| that maps to full colour; a few outliers then do not wash out the rest. */
  clip: 0.995,
  gap: 4,
  colorbar: true,
  colorbarLabel: 'weight',
};

export interface KernelsData {
  /** A first-layer kernel `[side * side, units]`, row-major, as a dense layer (or a 1-channel conv) stores it. */
  weights: ArrayLike<number>;
  units: number;
  /** Side of one kernel image; default `sqrt(weights.length / units)` (28 for a dense layer on MNIST). */
  side?: number;
}

export interface KernelsOptions extends FigureOptions {
  max?: number;
  scale?: 'global' | 'each';
  clip?: number;
  gap?: number;
  colorbar?: boolean;
  colorbarLabel?: string;
}

const LUT = Array.from({ length: 256 }, (_, i) => {
  const c = rgb(interpolateRdBu(1 - i / 255));
  return [c.r, c.g, c.b] as const;
});

/** Colour-maps one value to a LUT entry: -limit -> blue, 0 -> white, +limit -> red. */
function lutIndex(w: number, limit: number): number {
  return Math.max(0, Math.min(255, Math.round(((w / limit + 1) / 2) * 255)));
}

/** The grid (columns, rows, tile px) that gives `count` tiles the largest size inside width x height. */
function bestGrid(count: number, width: number, height: number, gap: number): { cols: number; rows: number; tile: number } {
  let best = { cols: 1, rows: count, tile: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const tile = Math.floor(Math.min((width - (cols - 1) * gap) / cols, (height - (rows - 1) * gap) / rows));
    if (tile > best.tile) best = { cols, rows, tile };
  }
  return best;
}

/** Renders the first `max` encoder kernels as an SVG document string. */
export function renderKernelsSvg(data: KernelsData, options: KernelsOptions = {}): string {
  const o = { ...defaults, ...options };
  const side = data.side ?? Math.round(Math.sqrt(data.weights.length / data.units));
  if (side * side * data.units !== data.weights.length) {
    throw new RangeError(`weights of length ${data.weights.length} are not ${data.units} kernels of ${side}x${side}`);
  }
  const count = Math.min(data.units, o.max);
  const kernel = (u: number) => Float32Array.from({ length: side * side }, (_, p) => data.weights[p * data.units + u]!);
  const kernels = Array.from({ length: count }, (_, u) => kernel(u));
  const limitOf = (values: Float32Array) => quantile(Array.from(values, Math.abs), o.clip) || 1e-6;
  const globalLimit = limitOf(Float32Array.from(kernels.flatMap((k) => Array.from(k))));

  const { plot } = frameLayout(o);
  const barSpace = o.colorbar && o.scale === 'global' ? 90 : 0;
  const { cols, rows, tile } = bestGrid(count, plot.width - barSpace, plot.height, o.gap);
  const gridW = cols * tile + (cols - 1) * o.gap;
  const gridH = rows * tile + (rows - 1) * o.gap;
  const left = plot.x + (plot.width - barSpace - gridW) / 2;
  const top = plot.y + (plot.height - gridH) / 2;

  const tiles = kernels.map((k, u) => {
    const limit = o.scale === 'each' ? limitOf(k) : globalLimit;
    const pixels = new Uint8Array(side * side * 3);
    k.forEach((w, p) => pixels.set(LUT[lutIndex(w, limit)]!, p * 3));
    const x = left + (u % cols) * (tile + o.gap);
    const y = top + Math.floor(u / cols) * (tile + o.gap);
    return imageTag(pngDataUri(pixels, side, side, 3), x, y, tile, tile, { 'aria-label': `unit ${u}` });
  });

  let bar: string | null = null;
  if (barSpace) {
    const barH = Math.min(gridH, 260);
    const bx = plot.x + plot.width - 34;
    const by = top + (gridH - barH) / 2;
    const ramp = new Uint8Array(256 * 3);
    for (let i = 0; i < 256; i++) ramp.set(LUT[255 - i]!, i * 3);
    const scale = scaleLinear()
      .domain([-globalLimit, globalLimit])
      .range([by + barH, by]);
    bar = group(
      'colour bar',
      {},
      tag('image', { x: bx, y: by, width: 14, height: barH, href: pngDataUri(ramp, 1, 256, 3), preserveAspectRatio: 'none' }),
      tag('rect', { x: bx, y: by, width: 14, height: barH, fill: 'none', stroke: RULE, 'stroke-width': 0.75 }),
      axisLeft(scale, bx - 2, { ticks: 4 }).replace('aria-label="y-axis"', 'aria-label="colour bar axis"'),
      tag('text', { x: bx + 7, y: by - 10, 'text-anchor': 'middle', 'font-size': LABEL_SIZE }, text(o.colorbarLabel)),
    );
  }
  return frame(o, 'encoder kernels', [group(`kernels (${count} of ${data.units})`, {}, ...tiles), bar]);
}
