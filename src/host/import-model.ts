/**
 * The import of a model trained elsewhere: PyTorch through ONNX, Keras through TF.js Layers. It checks the
 * shapes, runs a probe on dataset images (finite codes, decoder outputs in the range the convention says,
 * detecting probabilities/logits when not told), encodes the dataset to score the model like a trained run
 * (test loss, 5-NN), and records a read-only run in the library.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { ApiError, IMAGE_PIXELS, type BackendName, type RequestOf, type TrainConfig } from '../pure/api/api.js';
import { detectOutput, type Convention, type PixelRange } from '../pure/import/convention.js';
import { checkLayersPair, loadLayersFromFiles, PairShapeError, type NamedFile } from '../latent/layers-pair.js';
import { tfjsImportedModel, type LatentModel } from '../latent/latent-model.js';
import { knnAccuracyYielding } from '../latent/knn-yielding.js';
import { openOnnxPair, type OnnxPair } from '../onnx/onnx-model.js';
import { RUN_VERSION, readRunRecord, saveOnnxRun, saveRun, type RunRecord } from '../runs/index.js';
import { topologyProblem } from '../runs/topology.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { Autoencoder } from '../model/types.js';
import { errorMessage } from '../pure/errors.js';

export type ImportModelRequest = RequestOf<'importModel'>;

export interface ImportContext {
  runsDir: string;
  dataFor: (datasetId: string) => Promise<DatasetIndex>;
  backend: () => BackendName;
  now?: () => Date;
}

/** Test images the probe runs before anything is recorded. */
const PROBE = 256;

const refuse = (message: string) => new ApiError('bad-request', message);

/** `My Torch AE!` -> `import-my-torch-ae-20261202-0310-ab12`. */
export function importRunId(name: string, now = new Date()): string {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'model';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `import-${slug}-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** The training settings an imported run's record carries: only the shape of the model is known. */
function importedConfig(name: string, dims: number, dataset: string): TrainConfig {
  return {
    name,
    ...(dataset === 'mnist' ? {} : { dataset: dataset as TrainConfig['dataset'] }),
    arch: 'dense',
    latent: dims,
    hidden: [],
    filters: [],
    activation: 'relu',
    loss: 'bce',
    noise: { kind: 'dropout', level: 0 },
    beta: 0,
    contraction: 0,
    learningRate: 0.001,
    batchSize: 128,
    epochs: 1,
    seed: 0,
  };
}

const partFiles = (req: ImportModelRequest, part: 'encoder' | 'decoder'): NamedFile[] => req.files.filter((f) => f.part === part);

interface Opened {
  net: LatentModel;
  dims: number;
  layout: Convention['layout'];
  /** Raw decoder outputs (before sigmoid or range mapping). */
  decodeRaw(codes: Float32Array): Promise<Float32Array>;
  /** The pair with the final convention (the probe used a provisional one). */
  finish(c: Convention): LatentModel;
  tfjs?: { encoder: tf.LayersModel; decoder: tf.LayersModel };
}

async function openPair(req: ImportModelRequest, range: PixelRange): Promise<Opened> {
  const enc = partFiles(req, 'encoder');
  const dec = partFiles(req, 'decoder');
  if (req.format === 'onnx') {
    if (enc.length !== 1 || dec.length !== 1)
      throw refuse(`an ONNX import takes one encoder graph and one decoder graph (got ${enc.length} and ${dec.length} files)`);
    let pair: OnnxPair;
    try {
      pair = await openOnnxPair(
        enc[0]!.bytes,
        dec[0]!.bytes,
        req.layout ? { layout: req.layout, range, output: 'probabilities' } : undefined,
      );
    } catch (err) {
      throw refuse(errorMessage(err));
    }
    const set = (c: Convention) => (pair as OnnxPair & { setConvention(c: Convention): void }).setConvention(c);
    set({ layout: pair.info.layout, range, output: 'probabilities' });
    return {
      net: pair,
      dims: pair.dims,
      layout: pair.info.layout,
      decodeRaw: (codes) => pair.decodeRaw(codes),
      finish(c) {
        set(c);
        return pair;
      },
    };
  }
  let encoder: tf.LayersModel | null = null;
  let decoder: tf.LayersModel | null = null;
  try {
    for (const [files, part] of [
      [enc, 'encoder'],
      [dec, 'decoder'],
    ] as const) {
      const json = files.find((f) => f.name.endsWith('.json'));
      if (json) {
        // A model.json is code-like input: only topologies of the shape the app can build safely reach TF.js.
        let topology: unknown;
        try {
          topology = (JSON.parse(new TextDecoder().decode(json.bytes)) as { modelTopology?: unknown }).modelTopology;
        } catch {
          topology = undefined;
        }
        const problem = topology === undefined ? null : topologyProblem(normaliseTopology(topology));
        if (problem) throw new Error(`the ${part}'s model.json is not a model this app opens: ${problem}`);
      }
    }
    encoder = await loadLayersFromFiles(enc, 'encoder');
    decoder = await loadLayersFromFiles(dec, 'decoder');
    const { layout, dims } = checkLayersPair(encoder, decoder, req.layout);
    const [e, d] = [encoder, decoder];
    const probe = tfjsImportedModel(e, d, dims, { layout, range, output: 'probabilities' });
    return {
      net: probe,
      dims,
      layout,
      decodeRaw: (codes) => probe.decodeUnit(codes),
      finish: (c) => tfjsImportedModel(e, d, dims, c),
      tfjs: { encoder: e, decoder: d },
    };
  } catch (err) {
    encoder?.dispose();
    decoder?.dispose();
    if (err instanceof PairShapeError) throw refuse(err.message);
    throw refuse(errorMessage(err));
  }
}

/**
 * Keras writes a Sequential model as `Sequential` with its layers in order; the topology check knows the
 * functional form. The layer list is what it must vet, so a Sequential is checked as a chain of those layers.
 */
export function normaliseTopology(topology: unknown): unknown {
  const t = topology as { class_name?: unknown; config?: unknown } | null;
  if (!t || t.class_name !== 'Sequential') return topology;
  const cfg = t.config as { layers?: unknown[]; name?: string } | unknown[] | undefined;
  const layers = (Array.isArray(cfg) ? cfg : (cfg?.layers ?? [])) as { class_name?: string; config?: { name?: string } }[];
  const named = layers.map((l, i) => ({ ...l, name: l.config?.name ?? `layer_${i}` }));
  const chained = named.map((l, i) => ({ ...l, inbound_nodes: i === 0 ? [] : [[[named[i - 1]!.name, 0, 0, {}]]] }));
  const first = named[0]?.name ?? 'input';
  const last = named.at(-1)?.name ?? 'output';
  return {
    class_name: 'Functional',
    config: { name: 'sequential', layers: chained, input_layers: [[first, 0, 0]], output_layers: [[last, 0, 0]] },
  };
}

const finiteAll = (a: Float32Array) => a.every(Number.isFinite);

/**
 * Imports a model pair into the runs library and returns its record. Nothing is written unless every check
 * passed.
 * @throws ApiError `bad-request` naming what does not fit.
 */
export async function importModel(req: ImportModelRequest, ctx: ImportContext): Promise<RunRecord> {
  const started = performance.now();
  const datasetId = req.dataset ?? 'mnist';
  const data = await ctx.dataFor(datasetId);
  const range = req.range ?? '0..1';
  const opened = await openPair(req, range);
  let net: LatentModel = opened.net;
  try {
    const { dims } = opened;
    const test = data.dataset.test;
    const probeCount = Math.min(PROBE, test.count);
    const probeImages = test.images.subarray(0, probeCount * IMAGE_PIXELS);
    const probeCodes = await opened.net.encode(probeImages, probeCount);
    if (!finiteAll(probeCodes)) throw refuse('the encoder gives NaN or infinite codes for dataset images (is the pixel range right?)');
    const raw = await opened.decodeRaw(probeCodes);
    if (!finiteAll(raw)) throw refuse('the decoder gives NaN or infinite values for the codes of dataset images');
    const seen = detectOutput(raw, range);
    if (req.output === 'probabilities' && seen !== 'probabilities')
      throw refuse(`the decoder gives values outside [0, 1], not probabilities (say the output is logits, or pixels in ${range})`);
    const output = req.output ?? seen;
    const convention: Convention = { layout: opened.layout, range, output };
    net = opened.finish(convention);

    // Score it like a trained run: per-pixel BCE of the test reconstructions, 5-NN of test codes among train codes.
    const trainCodes = await net.encode(data.dataset.train.images, data.dataset.train.count);
    const testCodes = await net.encode(test.images, test.count);
    if (!finiteAll(trainCodes) || !finiteAll(testCodes)) throw refuse('the encoder gives NaN or infinite codes for some dataset images');
    const knn = await knnAccuracyYielding(trainCodes, data.dataset.train.labels, testCodes, test.labels, dims);
    const unit = await net.decodeUnit(testCodes);
    let bce = 0;
    for (let i = 0; i < unit.length; i++) {
      const x = test.images[i]! / 255;
      const p = Math.min(1 - 1e-7, Math.max(1e-7, unit[i]!));
      bce -= x * Math.log(p) + (1 - x) * Math.log(1 - p);
    }
    const testLoss = bce / unit.length;

    const now = (ctx.now ?? (() => new Date()))();
    const id = importRunId(req.name, now);
    const record: RunRecord = {
      version: RUN_VERSION,
      id,
      name: req.name,
      config: importedConfig(req.name, dims, datasetId),
      dataset: datasetId,
      backend: ctx.backend(),
      history: [],
      metrics: { testLoss: Number.isFinite(testLoss) ? testLoss : null, knn },
      createdAt: now.toISOString(),
      finishedAt: now.toISOString(),
      durationMs: Math.round(performance.now() - started),
      status: 'complete',
      kind: 'imported',
      imported: {
        format: req.format,
        files: { encoder: partFiles(req, 'encoder').map((f) => f.name), decoder: partFiles(req, 'decoder').map((f) => f.name) },
        convention,
        importedAt: now.toISOString(),
      },
    };
    const dir = join(ctx.runsDir, id);
    if (req.format === 'onnx') {
      return await saveOnnxRun(dir, { encoder: partFiles(req, 'encoder')[0]!.bytes, decoder: partFiles(req, 'decoder')[0]!.bytes }, record);
    }
    const { encoder, decoder } = opened.tfjs!;
    const ae = { encoder, decoder, sync() {} } as unknown as Autoencoder;
    await saveRun(dir, ae, record, { state: false });
    return await readRunRecord(dir);
  } finally {
    // The library opens the run afresh when asked: the import keeps nothing loaded.
    net.dispose();
  }
}
