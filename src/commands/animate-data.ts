/**
 * The engine side of `animate`: turns a run (and MNIST) into the data of an animation's frame function, and
 * returns how many distinct frames it has and how to draw frame k, so the CLI, the `figures` command and the
 * tests draw identical frames.
 */
import { quantile } from 'd3';
import type { DatasetIndex } from '../data/dataset-index.js';
import { sampleRangeMessage, sampleSplit } from '../pure/data/samples.js';
import { IMAGE_PIXELS } from '../pure/data/image.js';
import { pointOnPath, renderInterpolationFrameSvg, renderReplayFrameSvg, renderWalkFrameSvg, type MapData } from '../pure/anim/frames.js';
import { frameTimes } from '../pure/anim/sequence.js';
import type { DigitTone } from '../pure/figures/digits.js';
import type { FigureOptions } from '../pure/figures/style.js';
import type { Replay } from '../pure/latent/replay-format.js';
import { crossFade, decodeCodes, encodeAll, fitPlane, type LatentPlane, lerpCodes, slerpCodes } from '../latent/index.js';
import type { LoadedRun, RunRecord } from '../runs/index.js';

export interface AnimationSource {
  /** Distinct frames (before ping-pong). */
  count: number;
  /** SVG of distinct frame k. */
  frame(k: number): string;
  /** What the frames show, for captions. */
  caption: string;
}

export interface AnimationRequest extends FigureOptions {
  frames: number;
  from: number;
  to: number;
  /** Interpolation: draw the map with the moving point. */
  map: boolean;
  /** Walk: plane points, interleaved x, y; null = through the class centres of `through`. */
  path: number[] | null;
  through: number[];
  /** Test images shown on the map. */
  points: number;
  tone: DigitTone;
}

/** Sample `i` in the one numbering (train images, then test images). */
function sampleImage(data: DatasetIndex, i: number): Uint8Array {
  if (!Number.isInteger(i) || i < 0 || i >= data.count) throw new RangeError(sampleRangeMessage(data, i));
  return data.image(i);
}

/** The map: the first `points` test codes on the plane fitted to them, in the 1st..99th percentile box padded 15%. */
function mapOf(run: LoadedRun, index: DatasetIndex, points: number): { map: MapData; plane: LatentPlane; xy: Float32Array; n: number } {
  const data = index.dataset;
  const d = run.record.config.latent;
  const n = Math.max(1, Math.min(points, data.test.count));
  const codes = encodeAll(run.encoder, data.test.images.subarray(0, n * IMAGE_PIXELS), n);
  const plane = fitPlane(codes, n, d);
  const xy = plane.toPlane(codes);
  const x = Float32Array.from({ length: n }, (_, i) => xy[2 * i]!);
  const y = Float32Array.from({ length: n }, (_, i) => xy[2 * i + 1]!);
  const box = (v: Float32Array): [number, number] => {
    const lo = quantile(v, 0.01) ?? -1;
    const hi = quantile(v, 0.99) ?? 1;
    const pad = (hi - lo || 1) * 0.15;
    return [lo - pad, hi + pad];
  };
  const labels = plane.projected ? { xLabel: 'PC 1', yLabel: 'PC 2' } : { xLabel: 'z_1', yLabel: d === 1 ? null : 'z_2' };
  return {
    map: {
      scatter: { x, y, labels: data.test.labels.subarray(0, n), classNames: data.classNames },
      xDomain: box(x),
      yDomain: d === 1 ? [-1, 1] : box(y),
      ...labels,
    },
    plane,
    xy,
    n,
  };
}

export function interpolationAnimation(run: LoadedRun, data: DatasetIndex, req: AnimationRequest): AnimationSource {
  const d = run.record.config.latent;
  const a = sampleImage(data, req.from);
  const b = sampleImage(data, req.to);
  const ends = encodeAll(run.encoder, Uint8Array.from([...a, ...b]), 2);
  const vae = run.record.config.arch === 'vae';
  const path = (vae ? slerpCodes : lerpCodes)(ends.subarray(0, d), ends.subarray(d), req.frames);
  const latent = decodeCodes(run.decoder, path, d);
  const pixel = crossFade(a, b, req.frames);
  const withMap = req.map ? mapOf(run, data, req.points) : null;
  const frameData = {
    latent,
    pixel,
    ...(withMap ? { map: { ...withMap.map, path: withMap.plane.toPlane(path) } } : {}),
  };
  const times = frameTimes(req.frames);
  const name = (i: number) => `#${i}, ${sampleSplit(data, i)} (${data.dataset.classNames[data.labels[i]!]})`;
  return {
    count: req.frames,
    frame: (k) => renderInterpolationFrameSvg(frameData, times[k]!, req),
    caption: `From sample ${name(req.from)} to ${name(req.to)}: the decoded ${vae ? 'spherical' : 'linear'} latent path beside the pixel cross-fade, t from 0 to 1${req.map ? ', the point moving on the map' : ''}.`,
  };
}

/** The plane centre (median) of each class among the map's points. */
function classCentres(xy: Float32Array, labels: ArrayLike<number>, n: number, classes: readonly number[]): number[] {
  return classes.flatMap((c) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n; i++) {
      if (labels[i] !== c) continue;
      xs.push(xy[2 * i]!);
      ys.push(xy[2 * i + 1]!);
    }
    if (!xs.length) throw new RangeError(`class ${c} has no test image among the first ${n}`);
    return [quantile(xs, 0.5)!, quantile(ys, 0.5)!];
  });
}

export function walkAnimation(run: LoadedRun, data: DatasetIndex, req: AnimationRequest): AnimationSource {
  const d = run.record.config.latent;
  const { map, plane, xy, n } = mapOf(run, data, req.points);
  const path = req.path ?? classCentres(xy, data.dataset.test.labels, n, req.through);
  if (path.length < 4 || path.length % 2) throw new RangeError('a walk needs at least two plane points (x,y;x,y)');
  const times = frameTimes(req.frames);
  const points = Float32Array.from(times.flatMap((t) => pointOnPath(path, t)));
  const images = decodeCodes(run.decoder, plane.toCodes(points), d);
  return {
    count: req.frames,
    frame: (k) => renderWalkFrameSvg({ map, path, images }, times[k]!, req),
    caption: req.path
      ? `A walk along a path of ${path.length / 2} points on the latent plane, the decoded digit beside the moving marker.`
      : `A walk through the centres of classes ${req.through.join(', ')} on the latent plane, the decoded digit beside the moving marker.`,
  };
}

export function replayAnimation(
  record: RunRecord,
  replay: Replay,
  opts: FigureOptions & { classNames?: readonly string[] },
): AnimationSource {
  const epochs = replay.epochs.map((e) => e.epoch);
  const data = {
    epochs,
    codes: replay.epochs.map((e) => e.xy),
    labels: replay.labels,
    classNames: opts.classNames,
    history: record.history,
    totalEpochs: Math.max(record.config.epochs, ...epochs),
    lossLabel: `${record.config.loss.toUpperCase()} loss per pixel`,
    ...(replay.projected ? { xLabel: 'PC 1', yLabel: 'PC 2' } : record.config.latent === 1 ? { yLabel: null } : {}),
  };
  return {
    count: epochs.length,
    frame: (k) => renderReplayFrameSvg(data, k, opts),
    caption: `Training replay: ${replay.indices.length.toLocaleString('en')} test images in the latent plane after each of epochs ${epochs[0]}..${epochs.at(-1)}, the loss curve growing beside them.`,
  };
}
