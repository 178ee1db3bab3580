/**
 * Messages between the engine host (main thread) and its training worker thread. The worker owns the model
 * being trained and the runs-library writes of that run; the main thread keeps a live inference copy of the
 * model, updated from the weight snapshots the worker posts, so decode/encode never wait for a training step.
 */
import type { BackendName, TrainConfig, TrainProgress } from '../../pure/api/api.js';
import type { Dataset } from '../../pure/data/types.js';
import type { RunRecord } from '../../runs/index.js';
import type { ResumeInfo } from '../../train/record.js';

/** `workerData` of the worker: the backend the host runs, tried first so both threads compute alike. */
export interface WorkerInit {
  backend: BackendName;
}

export type { ResumeInfo } from '../../train/record.js';

/** One training run, as the worker needs it. */
export interface TrainJob {
  runId: string;
  /** The run's folder in the library: checkpoints and the final run are saved there by the worker. */
  dir: string;
  config: TrainConfig;
  /** Images and labels over SharedArrayBuffers (not copied by postMessage). */
  dataset: Dataset;
  createdAt: string;
  backend: BackendName;
  resume: ResumeInfo | null;
  /** Images in the fixed scatter subset (the first ones of `seededPermutation(count, seed)`). */
  subsetSize: number;
  /** Re-encode the subset every this many batches. */
  subsetEvery: number;
  /** A `batch` progress event every this many batches. */
  progressEvery: number;
  /** Milliseconds between weight snapshots while training. */
  snapshotMs: number;
  /** The training worker's entry, which peer threads of a data-parallel training run too. */
  peerPath: string;
  /** Training threads (this one and its peers); default `trainThreads`' choice per model. */
  threads?: number;
}

export type ToWorker = { type: 'start'; job: TrainJob } | { type: 'pause' } | { type: 'resume' } | { type: 'cancel' };

/** Weights of the stock encoder and decoder, in `getWeights()` order, float32 (buffers transferred). */
export interface WeightsSnapshot {
  encoder: Float32Array[];
  decoder: Float32Array[];
}

/** How a run ended, as the worker saw it. `complete` carries the record it saved. */
export type WorkerEnd = { outcome: 'complete'; record: RunRecord } | { outcome: 'cancelled' | 'diverged' | 'failed'; message: string };

export type FromWorker =
  | { type: 'ready'; backend: BackendName }
  /** The worker could not initialise (e.g. no backend); it exits after this. */
  | { type: 'fatal'; message: string }
  | { type: 'progress'; progress: TrainProgress }
  | ({ type: 'weights' } & WeightsSnapshot)
  /** Codes of the scatter subset, `subsetSize * d`. */
  | { type: 'subsetCodes'; codes: Float32Array }
  /** Codes of every image (train then test) after an epoch, `count * d`; the checkpoint save follows. */
  | { type: 'epochCodes'; epoch: number; codes: Float32Array }
  | { type: 'end'; end: WorkerEnd };
