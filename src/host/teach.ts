/**
 * The teaching requests: first-layer kernels, denoising and inpainting of one image, a linear autoencoder
 * against PCA, and reconstruction errors of many images (anomalies, per-class statistics, loss comparison).
 * Kept apart from `session.ts`, which only spreads these handlers into its table.
 */
import type * as tf from '@tensorflow/tfjs';
import {
  ApiError,
  IMAGE_PIXELS,
  MAX_REPORT,
  type DenoiseResult,
  type KernelPage,
  type PcaComparison,
  type RequestName,
  type ReconstructionReport,
} from '../pure/api/api.js';
import { decodeCodes, encodeAll, fitPca, LatentPlane, principalAngles, projectPca, unprojectPca, type Pca } from '../latent/index.js';
import { toBytes } from '../latent/batching.js';
import { reconstructionErrorsYielding, yieldPoint } from './request-context.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { Handlers } from './host.js';
import type { ModelCache, OpenModel } from './models.js';
import { dropoutScale } from '../pure/model/noise.js';
import { absQuantile, byteMse, classMeans, corruptImage, kernelRows, matMul } from '../pure/teach/lesson-maths.js';

export interface TeachOptions {
  models: ModelCache;
  /** The dataset a run was trained on, by its record's id: every lesson reads the run's own images and classes. */
  dataFor: (datasetId: string) => Promise<DatasetIndex>;
}

export type TeachHandlers = Pick<Handlers, Extract<RequestName, 'kernels' | 'denoise' | 'pcaCompare' | 'reconstructionReport'>>;

const defaults = { pageSize: 64, denoiseSeed: 7, fit: 5_000, points: 2_000, strip: 10, kernelClip: 0.995 };

/** The first encoder layer whose kernel has a square number of inputs (784 pixels, or a k x k conv filter). */
export function firstKernel(encoder: tf.LayersModel): { layer: string; weights: Float32Array; units: number; side: number } {
  for (const layer of encoder.layers) {
    const kernel = layer.getWeights()[0];
    if (!kernel || kernel.shape.length < 2) continue;
    const units = kernel.shape[kernel.shape.length - 1]!;
    const inputs = kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const side = Math.round(Math.sqrt(inputs));
    if (side * side !== inputs) continue;
    // getWeights hands out the layer's own variables: read them, never dispose them.
    return { layer: layer.name, weights: kernel.dataSync() as Float32Array, units, side };
  }
  throw new ApiError('bad-request', 'this encoder has no first-layer kernel over square inputs to show');
}

/** The linear map `d x 784` the decoder's dense kernels compose to, and whether the decoder is linear throughout. */
export function decoderMap(decoder: tf.LayersModel, d: number): { map: Float64Array; linear: boolean } {
  let map: Float64Array | null = null;
  const rows = d;
  let cols = d;
  let linear = true;
  for (const layer of decoder.layers) {
    const cls = layer.getClassName();
    const activation = (layer.getConfig() as { activation?: string }).activation;
    if (cls === 'Activation' || (activation !== undefined && activation !== 'linear')) linear = false;
    const kernel = layer.getWeights()[0];
    if (!kernel) continue;
    if (cls !== 'Dense') throw new ApiError('bad-request', 'pcaCompare needs a dense decoder (a linear or tied autoencoder)');
    const [inputs, units] = kernel.shape as [number, number];
    if (inputs !== cols) throw new ApiError('internal', `decoder layer ${layer.name} takes ${inputs} inputs, not ${cols}`);
    const w = kernel.dataSync();
    map = map ? matMul(map, w, rows, cols, units) : Float64Array.from(w);
    cols = units;
  }
  if (!map || cols !== IMAGE_PIXELS) throw new ApiError('bad-request', 'pcaCompare needs a dense decoder ending in 784 pixels');
  return { map, linear };
}

/** API indices of the first `count` images of a split. */
function splitIndices(data: DatasetIndex, split: 'train' | 'test', count: number): Uint32Array {
  const start = split === 'train' ? 0 : data.trainCount;
  const size = split === 'train' ? data.trainCount : data.count - data.trainCount;
  return Uint32Array.from({ length: Math.min(count, size) }, (_, i) => start + i);
}

const toUnit = (bytes: Uint8Array) => Float32Array.from(bytes, (v) => v / 255);

export function teachHandlers({ models, dataFor }: TeachOptions): TeachHandlers {
  /** A model and the dataset it was trained on. */
  const modelAndData = async (runId?: string): Promise<[OpenModel, DatasetIndex]> => {
    const model = await models.get(runId);
    return [model, await dataFor(model.summary.dataset)];
  };
  // Fitting PCA to 784-pixel images takes seconds: keep the few fits asked for, keyed by sample size and k.
  const pcaFits = new Map<string, { pca: Pca; totalVariance: number }>();
  const pixelPca = (index: DatasetIndex, fit: number, k: number) => {
    const key = `${index.summary.id}:${fit}:${k}`;
    let entry = pcaFits.get(key);
    if (!entry) {
      const x = toUnit(index.gather(splitIndices(index, 'train', fit)));
      const n = x.length / IMAGE_PIXELS;
      const pca = fitPca(x, n, IMAGE_PIXELS, k);
      let totalVariance = 0;
      for (let p = 0; p < IMAGE_PIXELS; p++) {
        let s = 0,
          s2 = 0;
        for (let r = 0; r < n; r++) {
          const v = x[r * IMAGE_PIXELS + p]!;
          s += v;
          s2 += v * v;
        }
        totalVariance += (s2 - (s * s) / n) / Math.max(1, n - 1);
      }
      entry = { pca, totalVariance };
      if (pcaFits.size >= 4) pcaFits.delete(pcaFits.keys().next().value!);
      pcaFits.set(key, entry);
    }
    return entry;
  };

  return {
    kernels: async (arg): Promise<KernelPage> => {
      const model = await models.get(arg?.runId);
      const { layer, weights, units, side } = firstKernel(model.encoder);
      const pageSize = arg?.pageSize ?? defaults.pageSize;
      const offset = (arg?.page ?? 0) * pageSize;
      if (offset >= units) throw new ApiError('bad-request', `page ${arg?.page} is past the last of ${units} units`);
      const count = Math.min(pageSize, units - offset);
      const limit = absQuantile(weights, defaults.kernelClip);
      return { runId: model.id, layer, kernels: kernelRows(weights, side * side, units, offset, count), side, units, offset, count, limit };
    },

    denoise: async ({ index, kind, level, mask, seed, runId }): Promise<DenoiseResult> => {
      const [model, index_] = await modelAndData(runId);
      const original = index_.gather([index]);
      const corrupted = corruptImage(original, kind, level, seed ?? defaults.denoiseSeed, mask);
      // A denoiser trained with rescaled dropout saw its masked inputs scaled by 1/(1-p): show it the same.
      const inputScale = kind === 'dropout' && !mask ? dropoutScale({ ...model.config.noise, kind, level }) : 1;
      const output = decodeCodes(model.decoder, encodeAll(model.encoder, corrupted, 1, { inputScale }), model.dims);
      return {
        corrupted,
        output,
        original,
        label: index_.labels[index]!,
        corruptedError: byteMse(corrupted, original),
        outputError: byteMse(output, original),
      };
    },

    pcaCompare: async (arg): Promise<PcaComparison> => {
      const [model, index] = await modelAndData(arg?.runId);
      const k = model.dims;
      const { map, linear } = decoderMap(model.decoder, k);
      const { pca, totalVariance } = pixelPca(index, arg?.fit ?? defaults.fit, k);
      await yieldPoint();
      const indices = splitIndices(index, 'test', arg?.points ?? defaults.points);
      const n = indices.length;
      const images = index.gather(indices);
      const x = toUnit(images);
      const coords = projectPca(pca, x, n);
      const back = unprojectPca(pca, coords, n);
      let pcaSum = 0;
      for (let i = 0; i < back.length; i++) {
        back[i] = Math.min(1, Math.max(0, back[i]!));
        pcaSum += (back[i]! - x[i]!) ** 2;
      }
      const pcaPlane = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        pcaPlane[2 * i] = coords[i * k]!;
        pcaPlane[2 * i + 1] = k > 1 ? coords[i * k + 1]! : 0;
      }
      const codes = encodeAll(model.encoder, images, n);
      await yieldPoint();
      const aeErrors = await reconstructionErrorsYielding(model.encoder, model.decoder, images, n, 'mse');
      const m = Math.min(n, arg?.strip ?? defaults.strip);
      const explained = pca.explainedVariance.reduce((a, b) => a + b, 0) / totalVariance;
      return {
        runId: model.id,
        k,
        angles: principalAngles(map, pca.components, IMAGE_PIXELS, k),
        linear,
        explained,
        indices,
        labels: Uint8Array.from(indices, (i) => index.labels[i]!),
        pcaPlane,
        codePlane: new LatentPlane(codes, n, k).toPlane(codes),
        originals: images.slice(0, m * IMAGE_PIXELS),
        pcaImages: toBytes(back.subarray(0, m * IMAGE_PIXELS)),
        aeImages: decodeCodes(model.decoder, codes.subarray(0, m * k), k),
        pcaMse: pcaSum / back.length,
        aeMse: aeErrors.reduce((a, b) => a + b, 0) / n,
      };
    },

    reconstructionReport: async ({ runId, split, limit, metric }): Promise<ReconstructionReport> => {
      const [model, index] = await modelAndData(runId);
      return await report(model, index, split, limit ?? MAX_REPORT, metric ?? model.config.loss);
    },
  };
}

async function report(
  model: OpenModel,
  index: DatasetIndex,
  split: 'train' | 'test',
  limit: number,
  metric: 'bce' | 'mse',
): Promise<ReconstructionReport> {
  const indices = splitIndices(index, split, limit);
  const labels = Uint8Array.from(indices, (i) => index.labels[i]!);
  const errors = await reconstructionErrorsYielding(model.encoder, model.decoder, index.gather(indices), indices.length, metric);
  const { means, counts } = classMeans(errors, labels, index.summary.classNames.length);
  const mean = errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length);
  return { runId: model.id, metric, indices, labels, errors, classMeans: means, classCounts: counts, mean };
}
