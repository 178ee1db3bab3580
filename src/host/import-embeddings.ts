/**
 * Bare embeddings made elsewhere become an `embeddings` run: codes (and labels) of a dataset the app has, one
 * per image, train then test. The scatter, hover images, kNN and figures work on it; decoding is off (there is
 * no model) and every request that needs one says so.
 */
import { join } from 'node:path';
import { ApiError, type BackendName, type TrainConfig } from '../pure/api/api.js';
import type { EmbeddingTable } from '../data/embedding-files.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { knnAccuracyYielding } from '../latent/knn-yielding.js';
import { RUN_VERSION, saveEmbeddingsRun, type RunRecord } from '../runs/index.js';
import { importRunId } from './import-model.js';

export interface ImportEmbeddingsOptions {
  name: string;
  datasetId: string;
  data: DatasetIndex;
  runsDir: string;
  backend: BackendName;
  /** The file names the codes came from, for the record. */
  files: string[];
}

/**
 * Records `table` as an embeddings run of `data`.
 * @throws ApiError `bad-request` when the codes are not one per dataset image or the labels disagree.
 */
export async function importEmbeddings(table: EmbeddingTable, opts: ImportEmbeddingsOptions): Promise<RunRecord> {
  const { data } = opts;
  if (table.count !== data.count)
    throw new ApiError(
      'bad-request',
      `${table.count} codes; the dataset ${opts.datasetId} has ${data.count} images (train then test), one code each`,
    );
  for (let i = 0; i < table.count; i++) {
    if (table.labels[i] !== data.labels[i])
      throw new ApiError(
        'bad-request',
        `row ${i + 1}: label ${table.labels[i]}, but image ${i} of ${opts.datasetId} is a ${data.labels[i]} (rows out of order?)`,
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
  const config: TrainConfig = {
    name: opts.name,
    ...(opts.datasetId === 'mnist' ? {} : { dataset: opts.datasetId as TrainConfig['dataset'] }),
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
  const record: RunRecord = {
    version: RUN_VERSION,
    id,
    name: opts.name,
    config,
    dataset: opts.datasetId,
    backend: opts.backend,
    history: [],
    metrics: { testLoss: null, knn },
    createdAt: now.toISOString(),
    finishedAt: now.toISOString(),
    durationMs: 0,
    status: 'complete',
    kind: 'embeddings',
  };
  return saveEmbeddingsRun(join(opts.runsDir, id), table, record, opts.files);
}
