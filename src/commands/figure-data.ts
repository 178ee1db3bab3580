/**
 * The engine side of the `figure` command: turns a loaded run and its own dataset into the data each pure figure function
 * draws, and returns the SVG. Every tensor lives inside the latent helpers, which dispose what they make.
 */
import * as tf from '@tensorflow/tfjs';
import { quantile } from 'd3';
import type { DatasetIndex } from '../data/dataset-index.js';
import { dropoutScale } from '../pure/model/noise.js';
import { sampleRangeMessage } from '../pure/data/samples.js';
import { mulberry32 } from '../pure/data/random.js';
import { renderDenoisingSvg } from '../pure/figures/denoising.js';
import { renderGridSvg } from '../pure/figures/grid.js';
import { renderInterpolationSvg } from '../pure/figures/interpolation.js';
import { renderKernelsSvg } from '../pure/figures/kernels.js';
import { renderLossSvg } from '../pure/figures/loss.js';
import { renderReconstructionsSvg } from '../pure/figures/reconstructions.js';
import { renderScatterSvg } from '../pure/figures/scatter.js';
import type { FigureOptions } from '../pure/figures/style.js';
import type { FigureRequest } from '../pure/figures/kinds.js';
import {
  crossFade,
  decodeCodes,
  encodeAll,
  gridPoints,
  type LatentPlane,
  fitPlane,
  lerpCodes,
  reconstructionErrors,
  slerpCodes,
} from '../latent/index.js';
import type { LoadedRun } from '../runs/index.js';
import { IMAGE_PIXELS } from '../pure/data/image.js';

const PIXELS = IMAGE_PIXELS;

/** The 784 bytes of sample `i` (dataset numbering: train images first, then test). */
function image(data: DatasetIndex, i: number): Uint8Array {
  if (!Number.isInteger(i) || i < 0 || i >= data.count) throw new RangeError(sampleRangeMessage(data, i));
  return data.image(i);
}

/** Samples `from .. from + count - 1` (dataset numbering), their bytes and labels. */
function samples(data: DatasetIndex, from: number, count: number): { images: Uint8Array; labels: Uint8Array } {
  if (!Number.isInteger(from) || from < 0 || from + count > data.count) throw new RangeError(sampleRangeMessage(data, from + count - 1));
  const indices = Array.from({ length: count }, (_, k) => from + k);
  return { images: data.gather(indices), labels: Uint8Array.from(indices, (i) => data.labels[i]!) };
}

/** The first `count` test images followed by train images when more are asked for, with their labels. */
function pointSet(index: DatasetIndex, count: number): { images: Uint8Array; labels: Uint8Array; count: number } {
  const data = index.dataset;
  const { test, train } = data;
  const n = Math.max(1, Math.min(count, test.count + train.count));
  if (n <= test.count) return { images: test.images.subarray(0, n * PIXELS), labels: test.labels.subarray(0, n), count: n };
  const images = new Uint8Array(n * PIXELS);
  images.set(test.images);
  images.set(train.images.subarray(0, (n - test.count) * PIXELS), test.images.length);
  const labels = new Uint8Array(n);
  labels.set(test.labels);
  labels.set(train.labels.subarray(0, n - test.count), test.count);
  return { images, labels, count: n };
}

/** Plane coordinates of the test codes, the plane, and the 1st..99th percentile box they fill. */
function testPlane(run: LoadedRun, index: DatasetIndex) {
  const data = index.dataset;
  const d = run.record.config.latent;
  const codes = encodeAll(run.encoder, data.test.images, data.test.count);
  const plane = fitPlane(codes, data.test.count, d);
  const xy = plane.toPlane(codes);
  const xs = Array.from({ length: xy.length / 2 }, (_, i) => xy[2 * i]!);
  const ys = Array.from({ length: xy.length / 2 }, (_, i) => xy[2 * i + 1]!);
  const box = (v: number[]) => [quantile(v, 0.01)!, quantile(v, 0.99)!] as [number, number];
  return { plane, xy, box: { x: box(xs), y: d === 1 ? ([-1, 1] as [number, number]) : box(ys) } };
}

/** First layer with a kernel: a dense `[784, units]` matrix or a conv `[k, k, 1, filters]` one. */
function firstKernel(run: LoadedRun): { weights: Float32Array; units: number; side: number } {
  for (const layer of run.encoder.layers) {
    const kernel = layer.getWeights()[0];
    if (!kernel || kernel.shape.length < 2) continue;
    const shape = kernel.shape;
    const units = shape[shape.length - 1]!;
    const inputs = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const side = Math.round(Math.sqrt(inputs));
    if (side * side !== inputs) continue;
    return { weights: kernel.dataSync() as Float32Array, units, side };
  }
  throw new Error(`the encoder of this ${run.record.config.arch} run has no first-layer kernel of square inputs to draw`);
}

/** Corrupts byte images as the run's denoising noise does (dropout 0.3 when the run trained without noise). */
function corrupt(images: Uint8Array, noise: LoadedRun['record']['config']['noise']): Uint8Array {
  const random = mulberry32(20240611);
  const level = noise.level > 0 ? noise.level : 0.3;
  const kind = noise.level > 0 ? noise.kind : 'dropout';
  return images.map((v) => {
    if (kind === 'dropout') return random() < level ? 0 : v;
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.min(255, Math.round(v + z * level * 255)));
  });
}

/** The loss figure needs only the run record, so the command draws it without loading the models. */
export function renderRunLossSvg(record: LoadedRun['record'], opts: FigureOptions): string {
  return renderLossSvg({ history: record.history }, { ...opts, yLabel: `${record.config.loss.toUpperCase()} loss per pixel` });
}

/** Builds the figure `req.kind` for a loaded run; returns the SVG document. */
export function renderRunFigure(run: LoadedRun, data: DatasetIndex, req: FigureRequest): string {
  const before = tf.memory().numTensors;
  const svg = build(run, data, req);
  // A figure that leaks would grow the engine's memory with every export: fail loudly where tests see it.
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`internal: figure '${req.kind}' leaked ${leaked} tensors`);
  return svg;
}

function build(run: LoadedRun, data: DatasetIndex, req: FigureRequest): string {
  const classNames = data.dataset.classNames;
  const { config } = run.record;
  const d = config.latent;
  const axisLabels = (plane: LatentPlane) =>
    plane.projected ? { xLabel: 'PC 1', yLabel: 'PC 2' } : { xLabel: 'z_1', yLabel: d === 1 ? null : 'z_2' };
  switch (req.kind) {
    case 'scatter': {
      const set = pointSet(data, req.points);
      const codes = encodeAll(run.encoder, set.images, set.count);
      const plane = fitPlane(codes, set.count, d);
      const xy = plane.toPlane(codes);
      const x = Float32Array.from({ length: set.count }, (_, i) => xy[2 * i]!);
      const y = Float32Array.from({ length: set.count }, (_, i) => xy[2 * i + 1]!);
      return renderScatterSvg({ x, y, labels: set.labels, classNames: [...classNames] }, { ...req, ...axisLabels(plane) });
    }
    case 'grid': {
      const { plane, box } = testPlane(run, data);
      const points = gridPoints(box.x[0], box.x[1], box.y[0], box.y[1], req.grid);
      const images = decodeCodes(run.decoder, plane.toCodes(points), d);
      return renderGridSvg({ images, n: req.grid, x: box.x, y: box.y }, { ...req, ...axisLabels(plane) });
    }
    case 'interpolation': {
      const a = image(data, req.from);
      const b = image(data, req.to);
      const ends = encodeAll(run.encoder, Uint8Array.from([...a, ...b]), 2);
      const path = (config.arch === 'vae' ? slerpCodes : lerpCodes)(ends.subarray(0, d), ends.subarray(d), req.steps);
      return renderInterpolationSvg(
        {
          latent: decodeCodes(run.decoder, path, d),
          pixel: crossFade(a, b, req.steps),
          fromLabel: `#${req.from} (${classNames[data.labels[req.from]!]})`,
          toLabel: `#${req.to} (${classNames[data.labels[req.to]!]})`,
          mode: config.arch === 'vae' ? 'spherical' : 'linear',
        },
        req,
      );
    }
    case 'reconstructions': {
      const { images: originals, labels } = samples(data, req.from, req.steps);
      const reconstructions = new Uint8Array(originals.length);
      const errors = reconstructionErrors(run.encoder, run.decoder, originals, req.steps, config.loss, undefined, reconstructions);
      return renderReconstructionsSvg(
        { originals, reconstructions, errors, labels, classNames },
        { ...req, formatError: (e) => `${config.loss} ${e.toFixed(3)}` },
      );
    }
    case 'loss':
      return renderRunLossSvg(run.record, req);
    case 'kernels':
      return renderKernelsSvg(firstKernel(run), req);
    case 'denoising': {
      const { images: originals } = samples(data, req.from, req.steps);
      const corrupted = corrupt(originals, config.noise);
      const inputScale = config.noise.level > 0 ? dropoutScale(config.noise) : 1;
      const outputs = decodeCodes(run.decoder, encodeAll(run.encoder, corrupted, req.steps, { inputScale }), d);
      return renderDenoisingSvg({ corrupted, outputs, originals }, req);
    }
  }
}
