/**
 * One training run, for every caller (the `train` command, the app's training worker): build the model or
 * restore it from a checkpoint, train with a checkpoint after every epoch, score the 5-NN accuracy of the test
 * codes, build the run record and save the run. Callers keep only their I/O, through the hooks: the terminal's
 * progress lines, or the worker's messages to the host.
 */
import type * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, type BackendName, type TrainConfig, type TrainProgress } from '../pure/api/api.js';
import type { Dataset } from '../pure/data/types.js';
import { outputWidth } from '../latent/batching.js';
import { encodeAll } from '../latent/encode-all.js';
import { BRUTE_FORCE_FROM, knnAccuracyBrute } from '../latent/knn-brute.js';
import { knnAccuracyYielding } from '../latent/knn-yielding.js';
import { buildAutoencoder } from '../model/build.js';
import type { Autoencoder } from '../model/types.js';
import { finiteOrNull, saveRun, type RunRecord } from '../runs/index.js';
import type { WeightStorage } from '../runs/model-files.js';
import { restoreCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { TrainController } from './controller.js';
import { evaluateLoss } from './evaluate.js';
import { train, type EpochStats, type TrainResult } from './loop.js';
import { priorEpochs, runRecord, type RecordContext, type ResumeInfo } from './record.js';
import { ReplayRecorder } from './replay.js';
import type { StepperFactory } from './stepper.js';

export interface TrainingRun {
  runId: string;
  /** The run's folder: a checkpoint after every epoch, the complete run at the end. */
  dir: string;
  config: TrainConfig;
  dataset: Dataset;
  backend: BackendName;
  /** When the run was first started (a resumed run keeps its checkpoint's). */
  createdAt: string;
  /** The checkpoint in `dir` to continue, or null for a fresh run. */
  resume: ResumeInfo | null;
  controller?: TrainController;
  /** A `batch` progress event every this many batches. */
  progressEvery?: number;
  /** Per-epoch test loss on the first `testLimit` test images (the final one uses all). */
  testLimit?: number;
  /** How the complete run stores its weights (checkpoints keep float32). Default float32. */
  weights?: WeightStorage;
  /** Who computes the steps (e.g. data-parallel workers, src/workers/parallel/); this thread alone by default. */
  stepper?: StepperFactory;
}

/** What an epoch's end offers the per-epoch hook. */
export interface EpochEnd {
  epoch: number;
  /** This session's epochs so far (the checkpoint's come before them when resuming). */
  history: readonly EpochStats[];
  model: Autoencoder;
  /**
   * Codes of every image, train then test (`count * d`), with this epoch's weights: encoded on the first call
   * and shared by every caller (the final 5-NN score reuses the last epoch's). Do not change it in place.
   */
  codes(): Float32Array;
}

export interface TrainingRunHooks {
  /** The model is built (and restored when resuming), before the first step. */
  onModel?(model: Autoencoder): void;
  onBatch?(progress: TrainProgress): void;
  onEpoch?(progress: TrainProgress): void;
  /** After each epoch's `onEpoch` and before its checkpoint is saved; awaited (e.g. a recorder of codes per epoch). */
  onEpochEnd?(end: EpochEnd): void | Promise<void>;
  /** The loop has stopped (whatever the outcome), before the scoring and the final save. */
  onTrained?(result: TrainResult): void;
}

export type TrainingOutcome =
  | { outcome: 'complete'; record: RunRecord }
  | {
      outcome: 'cancelled' | 'diverged';
      message: string;
      /** Epochs the checkpoint in `dir` holds (the resumed ones included); 0: nothing was saved. */
      epochsDone: number;
    };

/**
 * Runs a training to its end and saves it in `run.dir`. A cancelled or diverged run keeps its last checkpoint;
 * what to do with it is the caller's choice. The model is disposed before this returns.
 * @throws Error when the model cannot be built or restored, or a save fails (checkpoints saved so far stay).
 */
export async function runTraining(run: TrainingRun, hooks: TrainingRunHooks = {}): Promise<TrainingOutcome> {
  const { config, dataset } = run;
  const model = buildAutoencoder(config, config.seed);
  try {
    const resumed = run.resume ? await restoreCheckpoint(run.dir, model) : {};
    const prior = priorEpochs(run.resume);
    // The training replay (src/train/replay.ts): a fixed test sample's codes before training and after every epoch.
    const replay = await ReplayRecorder.open(run.dir, dataset.test, config.latent, run.resume ? { keepUpTo: prior.length } : null);
    if (!run.resume) replay.record(0, model.encoder);
    hooks.onModel?.(model);
    const ctx: RecordContext = {
      runId: run.runId,
      config,
      datasetId: dataset.id,
      createdAt: run.createdAt,
      backend: run.backend,
      resume: run.resume,
    };
    // The latest epoch's codes, encoded at most once whoever asks for them.
    const latest: { epoch: number; codes: Float32Array | null } = { epoch: 0, codes: null };
    const result = await train(
      model,
      dataset,
      {
        learningRate: config.learningRate,
        schedule: config.schedule,
        stepper: run.stepper,
        batchSize: config.batchSize,
        epochs: config.epochs,
        seed: config.seed,
        limit: config.limit,
        testLimit: run.testLimit,
        controller: run.controller,
        runId: run.runId,
        progressEvery: run.progressEvery,
        startEpoch: prior.length + 1,
        ...resumed,
      },
      {
        onBatch: hooks.onBatch,
        onEpoch: hooks.onEpoch,
        onCheckpoint: async (epoch, history, trainingMs, optimizer) => {
          const codes = () => {
            if (latest.epoch !== epoch || !latest.codes) Object.assign(latest, { epoch, codes: encodeDataset(model.encoder, dataset) });
            return latest.codes!;
          };
          await hooks.onEpochEnd?.({ epoch, history, model, codes });
          replay.record(epoch, model.encoder);
          const record = replay.stamp(runRecord(ctx, history, 'checkpoint', trainingMs));
          await saveCheckpoint(run.dir, model, record, optimizer, replay.files());
        },
      },
    );
    hooks.onTrained?.(result);
    if (result.outcome !== 'complete') {
      return { outcome: result.outcome, message: result.message ?? result.outcome, epochsDone: prior.length + result.history.length };
    }
    const all = [...prior, ...result.history];
    // Per-epoch losses on a test slice are not the run's test loss: then the whole test set is scored once more.
    const last = all.at(-1)?.testLoss;
    const testLoss = run.testLimit === undefined && last !== undefined ? last : evaluateLoss(model, dataset.test);
    const finalEpoch = all.at(-1)?.epoch;
    const codes = latest.codes && latest.epoch === finalEpoch ? latest.codes : encodeDataset(model.encoder, dataset);
    const knn = await knnOf(codes, dataset, config.latent);
    const record = replay.stamp(
      runRecord(ctx, result.history, 'complete', result.durationMs, {
        metrics: { testLoss: finiteOrNull(testLoss), knn },
        finishedAt: new Date().toISOString(),
        samplesPerSec: result.samplesPerSec,
      }),
    );
    await saveRun(run.dir, model, record, { state: false, files: replay.files(), weights: run.weights });
    return { outcome: 'complete', record };
  } finally {
    model.dispose();
  }
}

/**
 * 5-NN accuracy of the test codes among the train codes (`codes`: train then test), yielding between chunks; wide
 * codes (an over-complete model's 500) by brute force on the backend, where a k-d tree degrades to minutes.
 */
async function knnOf(codes: Float32Array, dataset: Dataset, d: number): Promise<number> {
  const n = dataset.train.count;
  const test = dataset.test.count;
  if (d >= BRUTE_FORCE_FROM) {
    return knnAccuracyBrute(
      codes.subarray(0, n * d),
      dataset.train.labels.subarray(0, n),
      codes.subarray(n * d),
      dataset.test.labels.subarray(0, test),
      d,
    );
  }
  return knnAccuracyYielding(
    codes.subarray(0, n * d),
    dataset.train.labels.subarray(0, n),
    codes.subarray(n * d),
    dataset.test.labels.subarray(0, dataset.test.count),
    d,
  );
}

/** Codes of every image, train then test (`count * d`), without copying the images. */
export function encodeDataset(encoder: tf.LayersModel, dataset: Dataset): Float32Array {
  const { train: tr, test } = dataset;
  const d = outputWidth(encoder);
  const codes = new Float32Array((tr.count + test.count) * d);
  codes.set(encodeAll(encoder, tr.images.subarray(0, tr.count * IMAGE_PIXELS), tr.count), 0);
  codes.set(encodeAll(encoder, test.images.subarray(0, test.count * IMAGE_PIXELS), test.count), tr.count * d);
  return codes;
}
