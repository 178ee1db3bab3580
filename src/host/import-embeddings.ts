/**
 * Bare embeddings made elsewhere become an `embeddings` run: either codes (and labels) of a dataset the app has,
 * one per image, train then test; or codes of any count with their own labels and, optionally, their own images
 * (one 28x28 image per code). The scatter, hover images, kNN and figures work on it; decoding is off (there is
 * no model) and every request that needs one says so.
 */
import { join } from 'node:path';
import { ApiError, type BackendName, type TrainConfig } from '../pure/api/api.js';
import { checkImageCount, type EmbeddingTable } from '../data/embedding-files.js';
import { ownDatasetId } from '../data/own-data.js';
import { errorMessage } from '../pure/errors.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { knnAccuracyYielding } from '../latent/knn-yielding.js';
import { RUN_VERSION, saveEmbeddingsRun, type RunRecord } from '../runs/index.js';
import { importRunId } from './import-model.js';

export interface ImportEmbeddingsOptions {
  name: string;
  /** The dataset the codes are one per image of; absent when the codes bring their own labels (and images). */
  datasetId?: string;
  data?: DatasetIndex;
  /** Own data only: one 28x28 grey image per code (`count * 784` bytes), or null/absent for none. */
  images?: Uint8Array | null;
  /** Own data only: names of the classes (index = label); the label numbers when absent. */
  classNames?: string[];
  runsDir: string;
  backend: BackendName;
  /** The file names the codes came from, for the record. */
  files: string[];
}

/**
 * Records `table` as an embeddings run of `data`.
 * @throws ApiError `bad-request` when the codes are not one per dataset image or the labels disagree.
 */
export async function importEmbeddings(named: EmbeddingTable, opts: ImportEmbeddingsOptions): Promise<RunRecord> {
  const { data, datasetId } = opts;
  if (!data || !datasetId) return importOwnEmbeddings(named, opts);
  const table = asDatasetClasses(named, data.summary.classNames, datasetId);
  if (table.count !== data.count)
    throw new ApiError(
      'bad-request',
      `${table.count} codes; the dataset ${datasetId} has ${data.count} images (train then test), one code each`,
    );
  for (let i = 0; i < table.count; i++) {
    if (table.labels[i] !== data.labels[i])
      throw new ApiError(
        'bad-request',
        `row ${i + 1}: label ${table.classNames?.[table.labels[i]!] ?? table.labels[i]}, but image ${i} of ${datasetId} is a ${data.summary.classNames[data.labels[i]!] ?? data.labels[i]} (rows out of order?)`,
      );
  }
  const d = table.d;
  const train = data.trainCount;
  const knn = await knnAccuracyYielding(
    table.codes.subarray(0, train * d),
    data.labels.subarray(0, train),
    table.codes.subarray(train * d),
    data.labels.subarray(train),
    d,
  );
  const now = new Date();
  const id = importRunId(opts.name, now).replace(/^import-/, 'codes-');
  return saveEmbeddingsRun(join(opts.runsDir, id), table, embeddingsRecord(id, datasetId, d, knn, opts, now), opts.files);
}

/** A table labelled by name, numbered as the dataset numbers its classes. @throws ApiError for a name it has not. */
function asDatasetClasses(table: EmbeddingTable, classNames: readonly string[], datasetId: string): EmbeddingTable {
  if (!table.classNames) return table;
  const renumber = table.classNames.map((name) => {
    const label = classNames.indexOf(name);
    if (label < 0) throw new ApiError('bad-request', `label '${name}' is not a class of ${datasetId} (${classNames.join(', ')})`);
    return label;
  });
  return { ...table, labels: table.labels.map((l) => renumber[l]!), classNames: [...classNames] };
}

/** Largest class count of codes that bring their own labels (the map's class filter is a 32-bit mask). */
export const MAX_OWN_CLASSES = 32;
/** Codes held out to score the 5-NN accuracy of codes with their own labels (they come with no split). */
const HELD_OUT = 5_000;

async function importOwnEmbeddings(table: EmbeddingTable, opts: ImportEmbeddingsOptions): Promise<RunRecord> {
  const { count, d, labels } = table;
  let top = 0;
  for (let i = 0; i < count; i++) if (labels[i]! > top) top = labels[i]!;
  if (top >= MAX_OWN_CLASSES) throw new ApiError('bad-request', `label ${top} is outside 0..${MAX_OWN_CLASSES - 1}`);
  const classNames = opts.classNames ?? table.classNames ?? Array.from({ length: top + 1 }, (_, i) => String(i));
  if (top >= classNames.length) throw new ApiError('bad-request', `label ${top} names no class (${classNames.length} class names)`);
  const images = opts.images ?? null;
  if (images) {
    try {
      checkImageCount(images, count);
    } catch (err) {
      throw new ApiError('bad-request', errorMessage(err));
    }
  }
  const knn = await heldOutKnn(table);
  const now = new Date();
  const id = importRunId(opts.name, now).replace(/^import-/, 'codes-');
  const record = embeddingsRecord(id, ownDatasetId(id), d, knn, opts, now);
  return saveEmbeddingsRun(join(opts.runsDir, id), table, record, opts.files, { classNames, images });
}

/** 5-NN accuracy of an evenly spread sample of the codes among all the others; null for fewer than 20 codes. */
async function heldOutKnn({ codes, labels, count, d }: EmbeddingTable): Promise<number | null> {
  if (count < 20) return null;
  const step = Math.max(2, Math.ceil(count / Math.min(HELD_OUT, Math.floor(count / 7))));
  const test = Math.ceil(count / step);
  const train = count - test;
  const trainCodes = new Float32Array(train * d),
    trainLabels = new Uint8Array(train);
  const testCodes = new Float32Array(test * d),
    testLabels = new Uint8Array(test);
  for (let i = 0, a = 0, b = 0; i < count; i++) {
    const row = codes.subarray(i * d, (i + 1) * d);
    if (i % step === 0) {
      testCodes.set(row, b * d);
      testLabels[b++] = labels[i]!;
    } else {
      trainCodes.set(row, a * d);
      trainLabels[a++] = labels[i]!;
    }
  }
  return knnAccuracyYielding(trainCodes, trainLabels, testCodes, testLabels, d);
}

function embeddingsRecord(
  id: string,
  datasetId: string,
  d: number,
  knn: number | null,
  opts: ImportEmbeddingsOptions,
  now: Date,
): RunRecord {
  const config: TrainConfig = {
    name: opts.name,
    ...(datasetId === 'mnist' || datasetId.startsWith('run:') ? {} : { dataset: datasetId as TrainConfig['dataset'] }),
    arch: 'dense',
    latent: d,
    hidden: [],
    filters: [],
    activation: 'linear',
    loss: 'mse',
    noise: { kind: 'dropout', level: 0 },
    beta: 0,
    contraction: 0,
    learningRate: 0.001,
    batchSize: 128,
    epochs: 1,
    seed: 0,
  };
  return {
    version: RUN_VERSION,
    id,
    name: opts.name,
    config,
    dataset: datasetId,
    backend: opts.backend,
    history: [],
    metrics: { testLoss: null, knn },
    createdAt: now.toISOString(),
    finishedAt: now.toISOString(),
    durationMs: 0,
    status: 'complete',
    kind: 'embeddings',
  };
}
