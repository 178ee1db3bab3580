/**
 * Training from the UI: one run at a time, in a worker thread, streaming `trainProgress`, `embeddingUpdate`
 * (a fixed subset every few hundred batches, every image at each epoch's end) and `trainEnd`. The worker
 * checkpoints every epoch into the library; a cancelled or diverged run leaves nothing behind.
 * This thread keeps a live inference copy of the model, updated from the worker's weight snapshots, so
 * decode/encode requests are answered at once while a step runs on the other thread.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ApiError, type BackendName, type TrainConfig, type TrainEnd, type TrainingState } from '../pure/api/api.js';
import { seededPermutation } from '../pure/data/random.js';
import { fitPlane } from '../latent/plane-fit.js';
import { buildAutoencoder } from '../model/build.js';
import { toRunSummary, type RunRecord } from '../runs/index.js';
import { TrainController } from '../train/controller.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { computeEmbedding, embeddingFromCodes, fixedPlane, splitXY, toApiEmbedding, type ModelEmbedding } from './embedding.js';
import type { EventHub } from './events.js';
import type { ModelCache, OpenModel } from './models.js';
import { TrainWorker, resolveWorkerPath } from '../workers/train/client.js';
import type { FromWorker, WorkerEnd } from '../workers/train/protocol.js';
import { baseRecord } from '../train/record.js';
import { sharedDataset } from '../workers/train/shared-dataset.js';
import { applyWeights } from '../workers/weights.js';
import { errorMessage } from '../pure/errors.js';

export interface TrainingOptions {
  runsDir: string;
  data: () => Promise<DatasetIndex>;
  /** The dataset a config names (`config.dataset`); `data` when absent. */
  dataFor?: (datasetId: string) => Promise<DatasetIndex>;
  models: ModelCache;
  events: EventHub;
  backend: () => BackendName;
  /** Re-encode the subset every this many batches. Default 200. */
  subsetEvery?: number;
  /** Images in the re-encoded subset. Default 5,000. */
  subsetSize?: number;
  /** The worker entry (default: `$LATENT_EXPLORER_TRAIN_WORKER`, else the TypeScript bootstrap). */
  workerPath?: string;
  /** Milliseconds between weight snapshots from the worker. Default 200. */
  snapshotMs?: number;
  /** Training threads (data-parallel); default `trainThreads`' choice per model. */
  threads?: number;
}

/** A checkpoint to continue: its id, record, and the epochs it already finished. */
export interface ResumeFrom {
  runId: string;
  record: RunRecord;
}

interface Active {
  runId: string;
  controller: TrainController;
  epoch: number;
  epochs: number;
  worker: TrainWorker | null;
  done: Promise<void>;
}

export class Training {
  private active: Active | null = null;

  constructor(private readonly opts: TrainingOptions) {}

  state(): TrainingState | null {
    const a = this.active;
    if (!a || (a.controller.state !== 'running' && a.controller.state !== 'paused' && a.controller.state !== 'idle')) return null;
    return { runId: a.runId, status: a.controller.state === 'paused' ? 'paused' : 'running', epoch: a.epoch, epochs: a.epochs };
  }

  /**
   * Starts a run in a worker thread; resolves once the worker is up and has the job.
   * @throws ApiError `busy` while another run trains; `internal` when the worker cannot start.
   */
  async start(config: TrainConfig, from?: ResumeFrom): Promise<{ runId: string }> {
    if (this.active) throw new ApiError('busy', `a training is already running (${this.active.runId}); cancel it first`);
    const runId = from?.runId ?? newRunId(config);
    const controller = new TrainController();
    const active: Active = {
      runId,
      controller,
      epoch: (from?.record.history.length ?? 0) + 1,
      epochs: config.epochs,
      worker: null,
      done: Promise.resolve(),
    };
    this.active = active;
    let started!: () => void;
    let failed!: (err: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => ((started = resolve), (failed = reject)));
    active.done = this.run(active, config, from, started, failed).finally(() => {
      if (this.active === active) this.active = null;
    });
    await ready;
    return { runId };
  }

  pause(): TrainingState | null {
    if (this.active?.controller.pause()) this.active.worker?.pause();
    return this.state();
  }

  resume(): TrainingState | null {
    if (this.active?.controller.resume()) this.active.worker?.resume();
    return this.state();
  }

  cancel(): TrainingState | null {
    const state = this.state();
    if (this.active?.controller.cancel()) this.active.worker?.cancel();
    return state;
  }

  /**
   * Resolves when the run in progress (if any) has ended and cleaned up. With `terminateAfterMs`, a worker still
   * running after that many milliseconds (e.g. deaf to a cancel in a long final phase) is terminated: the run
   * then ends `failed`, keeping its checkpoints as a crash would.
   */
  async settled(terminateAfterMs?: number): Promise<void> {
    const active = this.active;
    if (!active) return;
    const timer = terminateAfterMs === undefined ? null : setTimeout(() => void active.worker?.terminate(), terminateAfterMs);
    try {
      await active.done;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Id of the run in progress, if any. */
  get activeRunId(): string | null {
    return this.active?.runId ?? null;
  }

  private async run(
    active: Active,
    config: TrainConfig,
    from: ResumeFrom | undefined,
    started: () => void,
    failed: (err: unknown) => void,
  ): Promise<void> {
    const { events, models } = this.opts;
    const { runId, controller } = active;
    const createdAt = from?.record.createdAt ?? new Date().toISOString();
    let data: DatasetIndex;
    let live: ReturnType<typeof liveModel>;
    const ended = new Promise<WorkerEnd>((resolve) => {
      const onMessage = (m: FromWorker) => this.relay(m, active, live, data);
      const start = async () => {
        data = await (this.opts.dataFor ? this.opts.dataFor(config.dataset ?? 'mnist') : this.opts.data());
        const path = resolveWorkerPath(this.opts.workerPath);
        const worker = await TrainWorker.start({ path, backend: this.opts.backend(), handlers: { onMessage, onEnd: resolve } });
        return { data, worker, path };
      };
      start().then(
        ({ data, worker, path }) => {
          live = liveModel(runId, config, data, createdAt, this.opts.backend());
          models.setLive(live.model, runId);
          active.worker = worker;
          const batches = Math.ceil(Math.min(config.limit ?? data.dataset.train.count, data.dataset.train.count) / config.batchSize);
          worker.run({
            runId,
            dir: join(this.opts.runsDir, runId),
            config,
            dataset: sharedDataset(data.dataset),
            createdAt,
            backend: this.opts.backend(),
            resume: from ? { name: from.record.name, createdAt, durationMs: from.record.durationMs, history: from.record.history } : null,
            subsetSize: this.opts.subsetSize ?? 5_000,
            // Short runs (a slice of the data) still get a few scatter updates per epoch and a smooth progress bar.
            subsetEvery: this.opts.subsetEvery ?? Math.min(200, Math.max(10, Math.ceil(batches / 3))),
            progressEvery: Math.max(1, Math.min(20, Math.round(batches / 25))),
            snapshotMs: this.opts.snapshotMs ?? 200,
            peerPath: path,
            threads: this.opts.threads,
          });
          controller.begin();
          // A pause or cancel that came while the worker started is passed on now.
          if (controller.state === 'paused') worker.pause();
          if (controller.cancelled) worker.cancel();
          started();
        },
        (err: unknown) => {
          failed(new ApiError('internal', errorMessage(err)));
          resolve({ outcome: 'failed', message: String(err) });
        },
      );
    });
    const result = await ended;
    controller.finish();
    await active.worker?.terminate();
    if (!active.worker) return; // never started: the request itself failed, no run to end
    models.setLive(null, runId);
    live!.dispose();
    let end: TrainEnd;
    if (result.outcome === 'complete') end = { runId, outcome: 'complete', run: toRunSummary(result.record, runId) };
    else {
      if (result.outcome === 'failed') console.error(`latent-explorer: training ${runId} failed: ${result.message}`);
      end = { runId, outcome: result.outcome, message: result.message };
    }
    events.emit('trainEnd', end);
  }

  /** Turns a worker message into the live model's new state and the UI's events. */
  private relay(m: FromWorker, active: Active, live: ReturnType<typeof liveModel>, data: DatasetIndex): void {
    const { events } = this.opts;
    if (m.type === 'progress') {
      active.epoch = m.progress.epoch;
      events.emit('trainProgress', m.progress);
    } else if (m.type === 'weights') {
      live.setWeights(m.encoder, m.decoder);
    } else if (m.type === 'subsetCodes') {
      const { subset, subsetLabels } = live.subset(this.opts.subsetSize ?? 5_000);
      const d = live.model.dims;
      const plane = live.fixed ?? live.latest()?.plane ?? fitPlane(m.codes, subset.length, d);
      const { x, y } = splitXY(plane.toPlane(m.codes));
      events.emit('embeddingUpdate', {
        runId: active.runId,
        x,
        y,
        labels: subsetLabels,
        indices: subset,
        trainCount: data.trainCount,
        dims: d,
        projected: plane.projected,
      });
    } else if (m.type === 'epochCodes') {
      events.emit('embeddingUpdate', toApiEmbedding(active.runId, live.setCodes(m.codes), data));
    }
  }
}

/**
 * The model under training as the model cache serves it: an inference copy built from the same config, whose
 * weights follow the worker's snapshots, and the codes of the last finished epoch.
 */
function liveModel(runId: string, config: TrainConfig, data: DatasetIndex, createdAt: string, backend: BackendName) {
  const ae = buildAutoencoder(config, config.seed);
  let latest: ModelEmbedding | null = null;
  let pending: Promise<ModelEmbedding> | null = null;
  let subset: { subset: Uint32Array; subsetLabels: Uint8Array } | null = null;
  // Before the first epoch ends, an embedding request encodes with the latest snapshot here (yielding as it goes).
  const embedding = () =>
    latest ? Promise.resolve(latest) : (pending ??= computeEmbedding(ae.encoder, data, config.latent).finally(() => (pending = null)));
  const fixed = fixedPlane(config.latent);
  const model: OpenModel = {
    id: runId,
    summary: toRunSummary(
      {
        ...baseRecord(runId, config, data.dataset.id, createdAt, backend),
        history: [],
        metrics: { testLoss: null, knn: null },
        status: 'checkpoint',
      },
      runId,
    ),
    config,
    encoder: ae.encoder,
    decoder: ae.decoder,
    dims: config.latent,
    embedding,
    plane: async () => fixed ?? (await embedding()).plane,
  };
  return {
    model,
    fixed,
    latest: () => latest,
    setWeights(encoder: Float32Array[], decoder: Float32Array[]) {
      applyWeights(ae.encoder, encoder);
      applyWeights(ae.decoder, decoder);
    },
    setCodes(codes: Float32Array): ModelEmbedding {
      return (latest = embeddingFromCodes(codes, data.count, config.latent));
    },
    /** The worker's scatter subset: the same seeded choice of images. */
    subset(size: number) {
      if (!subset) {
        const indices = seededPermutation(data.count, config.seed).slice(0, Math.min(size, data.count));
        subset = { subset: indices, subsetLabels: Uint8Array.from(indices, (i) => data.labels[i]!) };
      }
      return subset;
    },
    dispose: () => ae.dispose(),
  };
}

/** `dense-2d-20261123-150102-a1b2`: sortable, readable, unique. */
export function newRunId(config: TrainConfig, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${config.arch}-${config.latent}d-${stamp}-${randomBytes(2).toString('hex')}`;
}
