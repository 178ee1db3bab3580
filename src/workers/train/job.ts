/**
 * One training run inside the worker thread: build (or restore) the model, train it, post progress, weight
 * snapshots and codes, checkpoint every epoch into the runs library, and save or remove the run at the end.
 * It runs on its own thread, so nothing here needs to yield for the engine's sake.
 */
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { IMAGE_PIXELS } from '../../pure/api/api.js';
import { seededPermutation } from '../../pure/data/random.js';
import { outputWidth } from '../../latent/batching.js';
import { encodeAll } from '../../latent/encode-all.js';
import { buildAutoencoder } from '../../model/build.js';
import type { Autoencoder } from '../../model/types.js';
import { deleteRun, finiteOrNull, restoreTrainState, saveRun } from '../../runs/index.js';
import { STATE_DIR } from '../../runs/state.js';
import type { TrainController } from '../../train/controller.js';
import { train } from '../../train/loop.js';
import { indexDataset, type DatasetIndex } from '../../data/dataset-index.js';
import { knnAccuracyYielding } from '../../latent/knn-yielding.js';
import type { FromWorker, TrainJob, WorkerEnd } from './protocol.js';
import { runRecord } from './record.js';
import { snapshotWeights } from '../weights.js';
import { errorMessage } from '../../pure/errors.js';

/** Sends a message to the host, transferring the listed buffers. */
export type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

/** Runs `job` to its end; never throws (a failure ends as `failed`, keeping the checkpoints already saved). */
export async function runJob(job: TrainJob, controller: TrainController, post: Post): Promise<WorkerEnd> {
  let ae: Autoencoder | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  try {
    const { config, runId, dir } = job;
    const data = indexDataset(job.dataset);
    const model = (ae = buildAutoencoder(config, config.seed));
    if (job.resume) await restoreTrainState(model, join(dir, STATE_DIR));
    const snapshot = () => {
      model.sync();
      const encoder = snapshotWeights(model.encoder);
      const decoder = snapshotWeights(model.decoder);
      post(
        { type: 'weights', encoder, decoder },
        [...encoder, ...decoder].map((w) => w.buffer as ArrayBuffer),
      );
    };
    snapshot();
    const subset = seededPermutation(data.count, config.seed).slice(0, Math.min(job.subsetSize, data.count));
    const subsetImages = data.gather(subset);
    const encodeSubset = () => {
      const codes = encodeAll(model.encoder, subsetImages, subset.length);
      post({ type: 'subsetCodes', codes }, [codes.buffer as ArrayBuffer]);
    };
    let latestCodes: Float32Array | null = null;
    const ctx = { runId, config, datasetId: data.dataset.id, createdAt: job.createdAt, backend: job.backend, resume: job.resume };
    // Timers fire between batches (the loop yields after each), when the weights hold still.
    timer = setInterval(snapshot, job.snapshotMs);
    let lastSubset = 0;
    const prior = job.resume?.history.length ?? 0;
    const result = await train(
      model,
      data.dataset,
      {
        learningRate: config.learningRate,
        batchSize: config.batchSize,
        epochs: config.epochs,
        seed: config.seed,
        limit: config.limit,
        controller,
        runId,
        progressEvery: job.progressEvery,
        startEpoch: prior + 1,
      },
      {
        onBatch: (progress) => {
          post({ type: 'progress', progress });
          const global = (progress.epoch - 1) * progress.batches + progress.batch;
          if (global - lastSubset < job.subsetEvery) return;
          lastSubset = global;
          encodeSubset();
        },
        // The snapshot first: whoever reacts to the epoch's event already decodes with the epoch's weights.
        onEpoch: (progress) => {
          snapshot();
          post({ type: 'progress', progress });
        },
        onCheckpoint: async (epoch, history) => {
          latestCodes = encodeEverything(model.encoder, data);
          const codes = latestCodes.slice();
          post({ type: 'epochCodes', epoch, codes }, [codes.buffer as ArrayBuffer]);
          await saveRun(dir, model, runRecord(ctx, history, 'checkpoint'), { state: true });
        },
      },
    );
    clearInterval(timer);
    timer = null;
    if (result.outcome !== 'complete') {
      // Nothing half-done stays in the library: the checkpoints of a cancelled or diverged run go too. A resumed
      // run keeps its last checkpoint on cancel (it was the user's before this session).
      if (!(job.resume && result.outcome === 'cancelled')) await deleteRun(dir).catch(() => {});
      return { outcome: result.outcome, message: result.message ?? result.outcome };
    }
    snapshot();
    // The last checkpoint encoded everything with the final weights; a run with no epoch left to train has none.
    const codes = latestCodes ?? encodeEverything(model.encoder, data);
    const d = config.latent;
    const n = data.trainCount;
    const knn = await knnAccuracyYielding(
      codes.subarray(0, n * d),
      data.labels.subarray(0, n),
      codes.subarray(n * d),
      data.labels.subarray(n),
      d,
    );
    const history = result.history;
    const record = runRecord(ctx, history, 'complete', {
      metrics: { testLoss: finiteOrNull(history.at(-1)?.testLoss ?? job.resume?.history.at(-1)?.testLoss ?? null), knn },
      finishedAt: new Date().toISOString(),
      durationMs: (job.resume?.durationMs ?? 0) + result.durationMs,
      samplesPerSec: result.samplesPerSec,
    });
    await saveRun(dir, model, record, { state: false });
    return { outcome: 'complete', record };
  } catch (err) {
    console.error(`latent-explorer: training ${job.runId} failed:`, err);
    return { outcome: 'failed', message: errorMessage(err) };
  } finally {
    if (timer) clearInterval(timer);
    ae?.dispose();
  }
}

/** Codes of every image, train then test (`count * d`), without copying the images. */
function encodeEverything(encoder: tf.LayersModel, data: DatasetIndex): Float32Array {
  const { train: tr, test } = data.dataset;
  const d = outputWidth(encoder);
  const codes = new Float32Array(data.count * d);
  codes.set(encodeAll(encoder, tr.images.subarray(0, tr.count * IMAGE_PIXELS), tr.count), 0);
  codes.set(encodeAll(encoder, test.images.subarray(0, test.count * IMAGE_PIXELS), test.count), tr.count * d);
  return codes;
}
