/**
 * The frames of the animations, as figure functions: each takes the whole animation's data and one t (or epoch)
 * and returns an SVG document, so a still exported at t is exactly the animation's frame at t. Panels are the
 * project's still figures (scatter, loss) nested with {@link composeSvg}; the digit panel is drawn here.
 */
import { digitUri, imageCount, imageTag, type DigitTone, type PackedImages } from '../figures/digits.js';
import { composeSvg, columns, type Panel } from '../figures/compose.js';
import { renderLossSvg, type LossPoint } from '../figures/loss.js';
import { renderScatterSvg, type ScatterData, type ScatterMarker } from '../figures/scatter.js';
import { CAPTION_SIZE, frame, LABEL_SIZE, MUTED, RULE, type Box, type FigureOptions } from '../figures/style.js';
import { group, tag, text } from '../figures/svg.js';

/** The map panel under a moving point: the scatter with its fixed view, the path and markers. */
export interface MapData {
  scatter: ScatterData;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  xLabel?: string | null;
  yLabel?: string | null;
}

export interface FrameOptions extends FigureOptions {
  tone?: DigitTone;
}

/** Index of the frame image for t in 0..1 among `count` images (nearest). */
export function imageIndexAt(t: number, count: number): number {
  return Math.max(0, Math.min(count - 1, Math.round(t * (count - 1))));
}

/** Point of a polyline (interleaved x, y) at arc-length fraction t. */
export function pointOnPath(path: ArrayLike<number>, t: number): [number, number] {
  const m = Math.floor(path.length / 2);
  if (m === 0) throw new RangeError('a path needs at least one point');
  if (m === 1) return [path[0]!, path[1]!];
  const seg: number[] = [];
  let total = 0;
  for (let i = 1; i < m; i++) {
    const l = Math.hypot(path[2 * i]! - path[2 * i - 2]!, path[2 * i + 1]! - path[2 * i - 1]!);
    seg.push(l);
    total += l;
  }
  let want = Math.max(0, Math.min(1, t)) * total;
  for (let i = 1; i < m; i++) {
    const l = seg[i - 1]!;
    if (want <= l || i === m - 1) {
      const f = l > 0 ? Math.min(1, want / l) : 0;
      return [path[2 * i - 2]! + f * (path[2 * i]! - path[2 * i - 2]!), path[2 * i - 1]! + f * (path[2 * i + 1]! - path[2 * i - 1]!)];
    }
    want -= l;
  }
  return [path[2 * m - 2]!, path[2 * m - 1]!];
}

/** Big digit tiles side by side with a header over each and one caption under them all. */
function digitPanel(
  box: Box,
  tiles: readonly { header: string; images: PackedImages; index: number }[],
  caption: string,
  tone: DigitTone,
): string {
  const gap = 24;
  const side = Math.floor(Math.min((box.width - gap * (tiles.length - 1)) / tiles.length, box.height - 2 * LABEL_SIZE - 40));
  const x0 = box.x + (box.width - (side * tiles.length + gap * (tiles.length - 1))) / 2;
  const y0 = box.y + (box.height - side) / 2;
  return group(
    'digits',
    {},
    ...tiles.map((tile, k) => {
      const x = x0 + k * (side + gap);
      return group(
        `digit ${tile.header}`,
        {},
        tag('text', { x: x + side / 2, y: y0 - 10, 'text-anchor': 'middle', 'font-size': LABEL_SIZE }, text(tile.header)),
        imageTag(digitUri(tile.images, tile.index, tone), x, y0, side, side),
        tag('rect', { x, y: y0, width: side, height: side, fill: 'none', stroke: RULE, 'stroke-width': 0.75 }),
      );
    }),
    tag(
      'text',
      {
        'aria-label': 'caption',
        x: box.x + box.width / 2,
        y: y0 + side + 14 + CAPTION_SIZE,
        'text-anchor': 'middle',
        'font-size': LABEL_SIZE,
        fill: MUTED,
      },
      text(caption),
    ),
  );
}

function mapPanel(map: MapData, box: Box, path: ArrayLike<number> | undefined, markers: ScatterMarker[]): Panel {
  return {
    box,
    svg: renderScatterSvg(map.scatter, {
      width: box.width,
      height: box.height,
      xDomain: map.xDomain,
      yDomain: map.yDomain,
      xLabel: map.xLabel ?? 'z_1',
      yLabel: map.yLabel ?? 'z_2',
      background: 'transparent',
      legend: true,
      ...(path && path.length >= 4 ? { path } : {}),
      markers,
    }),
  };
}

export interface InterpolationFrameData {
  /** Decoded images along the latent path, t = 0..1 (one per frame, or more). */
  latent: PackedImages;
  /** Pixel cross-fades of the two ends, as many as `latent`. */
  pixel: PackedImages;
  /** Optional map: the scatter with the path (plane coordinates, interleaved) the point moves along. */
  map?: MapData & { path: ArrayLike<number> };
  latentLabel?: string;
  pixelLabel?: string;
}

/** One frame of the interpolation animation at t: latent digit and pixel cross-fade side by side, map optional. */
export function renderInterpolationFrameSvg(data: InterpolationFrameData, t: number, options: FrameOptions = {}): string {
  const count = Math.min(imageCount(data.latent), imageCount(data.pixel));
  if (count < 1) throw new RangeError('the interpolation has no images');
  const k = imageIndexAt(t, count);
  const tAt = count > 1 ? k / (count - 1) : 0;
  const tone = options.tone ?? 'mnist';
  const tiles = [
    { header: data.latentLabel ?? 'latent', images: data.latent, index: k },
    { header: data.pixelLabel ?? 'pixel', images: data.pixel, index: k },
  ];
  const caption = `t = ${tAt.toFixed(2)}`;
  if (!data.map) {
    const [box] = columns(options, [1]);
    return frame(options, 'interpolation frame', [digitPanel(box!, tiles, caption, tone)]);
  }
  const [left, right] = columns(options, [1.25, 1]);
  const path = data.map.path;
  const m = Math.floor(path.length / 2);
  const at = pointOnPath(path, tAt);
  const ends: ScatterMarker[] = [
    { x: path[0]!, y: path[1]!, kind: 'ring', label: 'A' },
    { x: path[2 * m - 2]!, y: path[2 * m - 1]!, kind: 'ring', label: 'B' },
    { x: at[0], y: at[1], kind: 'cross' },
  ];
  return composeSvg(options, 'interpolation frame', [
    mapPanel(data.map, left!, path, ends),
    {
      box: right!,
      svg: frame({ width: right!.width, height: right!.height, background: 'transparent' }, 'digits', [
        digitPanel({ x: 0, y: 0, width: right!.width, height: right!.height }, tiles, caption, tone),
      ]),
    },
  ]);
}

export interface WalkFrameData {
  map: MapData;
  /** The walk's waypoints in plane coordinates, interleaved x, y (clicked, drawn, or a saved path). */
  path: ArrayLike<number>;
  /** Decoded images at evenly spaced arc-length positions along the path, t = 0..1. */
  images: PackedImages;
  label?: string;
}

/** One frame of a walk at t: the map with the path and a marker at t, the decoded digit beside it. */
export function renderWalkFrameSvg(data: WalkFrameData, t: number, options: FrameOptions = {}): string {
  const count = imageCount(data.images);
  if (count < 1) throw new RangeError('the walk has no decoded images');
  const k = imageIndexAt(t, count);
  const tAt = count > 1 ? k / (count - 1) : 0;
  const at = pointOnPath(data.path, tAt);
  const [left, right] = columns(options, [1.6, 1]);
  const tiles = [{ header: data.label ?? 'decoded', images: data.images, index: k }];
  const caption = `(${at[0].toFixed(2)}, ${at[1].toFixed(2)})`;
  return composeSvg(options, 'walk frame', [
    mapPanel(data.map, left!, data.path, [{ x: at[0], y: at[1], kind: 'cross' }]),
    {
      box: right!,
      svg: frame({ width: right!.width, height: right!.height, background: 'transparent' }, 'digits', [
        digitPanel({ x: 0, y: 0, width: right!.width, height: right!.height }, tiles, caption, options.tone ?? 'mnist'),
      ]),
    },
  ]);
}

export interface ReplayFrameData {
  /** Recorded epochs, in order (0 = before training). */
  epochs: readonly number[];
  /** Plane coordinates of the sample per recorded epoch, `n * 2` interleaved. */
  codes: readonly Float32Array[];
  labels: ArrayLike<number>;
  classNames?: readonly string[];
  history: readonly LossPoint[];
  /** Epochs planned (the loss axis runs 0..this). */
  totalEpochs: number;
  lossLabel?: string;
  /** The word before the epoch number in the title and under the loss axis; default `epoch`. */
  epochLabel?: string;
  xLabel?: string | null;
  yLabel?: string | null;
}

const extentOf = (v: Float32Array, off: number): [number, number] => {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = off; i < v.length; i += 2) {
    const x = v[i]!;
    if (!Number.isFinite(x)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(hi >= lo)) return [-1, 1];
  const pad = (hi - lo || 1) * 0.04;
  return [lo - pad, hi + pad];
};

/** One frame of the training replay: frame `k` shows the codes recorded at `epochs[k]` and the loss up to it. */
export function renderReplayFrameSvg(data: ReplayFrameData, k: number, options: FrameOptions = {}): string {
  const xy = data.codes[k];
  const epoch = data.epochs[k];
  if (!xy || epoch === undefined) throw new RangeError(`replay frame ${k} is outside 0..${data.codes.length - 1}`);
  const n = xy.length / 2;
  const [left, right] = columns(options, [1.25, 1], 12);
  const losses = data.history.flatMap((p) => [p.loss, p.testLoss]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const lo = losses.length ? Math.min(...losses) : 0;
  const hi = losses.length ? Math.max(...losses) : 1;
  const scatter = renderScatterSvg(
    {
      x: Float32Array.from({ length: n }, (_, i) => xy[2 * i]!),
      y: Float32Array.from({ length: n }, (_, i) => xy[2 * i + 1]!),
      labels: data.labels,
      classNames: data.classNames,
    },
    {
      width: left!.width,
      height: left!.height,
      xDomain: extentOf(xy, 0),
      yDomain: extentOf(xy, 1),
      xLabel: data.xLabel ?? 'z_1',
      yLabel: data.yLabel ?? 'z_2',
      title: `${data.epochLabel ?? 'epoch'} ${epoch}`,
      background: 'transparent',
    },
  );
  const loss = renderLossSvg(
    { history: data.history.filter((p) => p.epoch <= epoch) },
    {
      width: right!.width,
      height: right!.height,
      xDomain: [0, Math.max(1, data.totalEpochs)],
      yDomain: [Math.max(0, lo - (hi - lo) * 0.1), hi + (hi - lo) * 0.1 || hi * 1.1 + 1e-6],
      yLabel: data.lossLabel ?? 'loss',
      xLabel: data.epochLabel ?? 'epoch',
      background: 'transparent',
    },
  );
  return composeSvg(options, 'training replay frame', [
    { box: left!, svg: scatter },
    { box: right!, svg: loss },
  ]);
}
