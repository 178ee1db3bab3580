/**
 * Every open run as one LatentModel (`encode`, `decode`), whatever runs it: a trained run's TF.js pair, an
 * imported Keras pair (TF.js with its own input convention), or an imported PyTorch pair (onnxruntime). Views
 * that need a TF.js model's insides (kernels, the linear decoder map) refuse an imported run by name.
 */
import type * as tf from '@tensorflow/tfjs';
import { ApiError, IMAGE_PIXELS } from '../pure/api/api.js';
import { isEmbeddingsRun, isOnnxRun, loadRun, readEmbeddingsRun, readOnnxGraphs, readRunRecord, type RunRecord } from '../runs/index.js';
import { tfjsImportedModel, tfjsTrainedModel, type LatentModel } from '../latent/latent-model.js';
import { openOnnxPair } from '../onnx/onnx-model.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { embeddingOfCodes, type ModelEmbedding } from './embedding.js';

/** A LatentModel that may also score reconstructions itself (TF.js trained runs: the exact old path). */
export type RunNet = LatentModel & {
  reconstruct?(images: Uint8Array, count: number, loss: 'bce' | 'mse'): { images: Uint8Array; errors: Float32Array };
};

/** A run's models once loaded: the TF.js pair when it has one, and the LatentModel every view uses. */
export interface RunModels {
  record: RunRecord;
  encoder: tf.LayersModel | null;
  decoder: tf.LayersModel | null;
  net: RunNet;
  /** An embeddings run's stored codes (`count * d`, train then test): its embedding, with no model to run. */
  codes?: Float32Array;
}

/** The error every model request gives on an embeddings run: it has codes, no model. */
export function codesOnly(name: string): ApiError {
  return new ApiError('bad-request', `'${name}' holds codes only (embeddings made elsewhere): it has no encoder or decoder to run`);
}

/** The LatentModel of an embeddings run: nothing to run, and it says why. */
function codesOnlyNet(name: string, dims: number): RunNet {
  return {
    runtime: 'tfjs',
    dims,
    encode: () => Promise.reject(codesOnly(name)),
    decodeUnit: () => Promise.reject(codesOnly(name)),
    dispose() {},
  };
}

/** Loads any run folder (trained or imported). @throws RunError as `loadRun` does. */
export async function loadRunModels(dir: string): Promise<RunModels> {
  const record = await readRunRecord(dir);
  if (isEmbeddingsRun(record)) {
    const { codes } = await readEmbeddingsRun(dir, record);
    return { record, encoder: null, decoder: null, net: codesOnlyNet(record.name, record.config.latent), codes };
  }
  if (isOnnxRun(record)) {
    const graphs = await readOnnxGraphs(dir, record);
    const net = await openOnnxPair(graphs.encoder, graphs.decoder, record.imported!.convention);
    return { record, encoder: null, decoder: null, net };
  }
  const run = await loadRun(dir);
  const d = run.record.config.latent;
  const net =
    run.record.kind === 'imported' && run.record.imported
      ? tfjsImportedModel(run.encoder, run.decoder, d, run.record.imported.convention)
      : tfjsTrainedModel(run.encoder, run.decoder, d);
  // Keras pairs keep their TF.js models for nothing but inference: views reading layers would misread them.
  return run.record.kind === 'imported' ? { record: run.record, encoder: null, decoder: null, net } : { ...run, net };
}

/** The error a TF.js-only view gives for an imported run. */
export function notTrainedHere(name: string): ApiError {
  return new ApiError('bad-request', `'${name}' was imported (a model trained elsewhere): this view needs a model trained in this app`);
}

/** Images encoded between two yields. */
const CHUNK = 8_192;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Codes of every image (train then test) through any LatentModel, yielding between chunks, and their plane. */
export async function embeddingOfNet(net: LatentModel, data: DatasetIndex): Promise<ModelEmbedding> {
  const d = net.dims;
  const codes = new Float32Array(data.count * d);
  for (const [set, offset] of [
    [data.dataset.train, 0],
    [data.dataset.test, data.trainCount],
  ] as const) {
    for (let start = 0; start < set.count; start += CHUNK) {
      const n = Math.min(CHUNK, set.count - start);
      codes.set(await net.encode(set.images.subarray(start * IMAGE_PIXELS, (start + n) * IMAGE_PIXELS), n), (offset + start) * d);
      await yieldToEventLoop();
    }
  }
  return embeddingOfCodes(codes, data.count, d);
}
