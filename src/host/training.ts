/**
 * Training from the UI: one run at a time, in the engine process, streaming `trainProgress`, `embeddingUpdate`
 * (a fixed subset every few hundred batches, every image at each epoch's end) and `trainEnd`. After every epoch
 * the run is checkpointed into the library; a cancelled or diverged run leaves nothing behind.
 * The loop yields between batches, so inference requests are answered while it runs.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ApiError, type BackendName, type TrainConfig, type TrainEnd, type TrainingState } from '../api.js';
import { seededPermutation } from '../data/random.js';
import { buildAutoencoder } from '../model/build.js';
import type { Autoencoder } from '../model/types.js';
import { encodeAll } from '../latent/encode-all.js';
import { LatentPlane } from '../latent/plane.js';
import { RUN_VERSION, deleteRun, finiteOrNull, restoreTrainState, saveRun, toRunSummary, type RunRecord } from '../runs/index.js';
import { STATE_DIR } from '../runs/state.js';
import { TrainController } from '../train/controller.js';
import { train, type EpochStats, type TrainResult } from '../train/loop.js';
import type { DatasetIndex } from './dataset-index.js';
import { computeEmbedding, fixedPlane, splitXY, toApiEmbedding, type ModelEmbedding } from './embedding.js';
import type { EventHub } from './events.js';
import { knnAccuracyYielding } from './knn-yielding.js';
import type { ModelCache, OpenModel } from './models.js';

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

  /** Starts a run in the background. @throws ApiError `busy` while another run trains. */
  start(config: TrainConfig, from?: ResumeFrom): { runId: string } {
    if (this.active) throw new ApiError('busy', `a training is already running (${this.active.runId}); cancel it first`);
    const runId = from?.runId ?? newRunId(config);
    const controller = new TrainController();
    const active: Active = { runId, controller, epoch: (from?.record.history.length ?? 0) + 1, epochs: config.epochs, done: Promise.resolve() };
    this.active = active;
    active.done = this.run(active, config, from).finally(() => {
      if (this.active === active) this.active = null;
    });
    return { runId };
  }

  pause(): TrainingState | null {
    this.active?.controller.pause();
    return this.state();
  }

  resume(): TrainingState | null {
    this.active?.controller.resume();
    return this.state();
  }

  cancel(): TrainingState | null {
    const state = this.state();
    this.active?.controller.cancel();
    return state;
  }

  /** Resolves when the run in progress (if any) has ended and cleaned up. */
  async settled(): Promise<void> {
    await this.active?.done;
  }

  /** Id of the run in progress, if any. */
  get activeRunId(): string | null {
    return this.active?.runId ?? null;
  }

  private async run(active: Active, config: TrainConfig, from?: ResumeFrom): Promise<void> {
    const { events, models } = this.opts;
    const { runId } = active;
    const dir = join(this.opts.runsDir, runId);
    const createdAt = from?.record.createdAt ?? new Date().toISOString();
    const prior = (from?.record.history ?? []).map((h) => ({ epoch: h.epoch, loss: h.loss ?? NaN, testLoss: h.testLoss ?? NaN }));
    const priorMs = from?.record.durationMs ?? 0;
    let ae: Autoencoder | null = null;
    let end: TrainEnd;
    try {
      const data = await (this.opts.dataFor ? this.opts.dataFor(config.dataset ?? 'mnist') : this.opts.data());
      ae = buildAutoencoder(config, config.seed);
      if (from) await restoreTrainState(ae, join(dir, STATE_DIR));
      const live = liveModel(runId, config, ae, data, createdAt, this.opts.backend());
      models.setLive(live.model, runId);
      const subset = seededPermutation(data.count, config.seed).slice(0, Math.min(this.opts.subsetSize ?? 5_000, data.count));
      const subsetImages = data.gather(subset);
      const subsetLabels = Uint8Array.from(subset, (i) => data.labels[i]);
      // Short runs (a slice of the data) still get a few scatter updates per epoch and a smooth progress bar.
      const batches = Math.ceil(Math.min(config.limit ?? data.dataset.train.count, data.dataset.train.count) / config.batchSize);
      const every = this.opts.subsetEvery ?? Math.min(200, Math.max(10, Math.ceil(batches / 3)));
      const progressEvery = Math.max(1, Math.min(20, Math.round(batches / 25)));
      let lastSubset = 0;
      const model = ae;
      const record = (history: readonly EpochStats[], status: RunRecord['status'], extra: Partial<RunRecord> = {}): RunRecord => ({
        ...baseRecord(runId, config, data, createdAt, this.opts.backend()),
        ...(from ? { name: from.record.name } : {}),
        durationMs: priorMs,
        history: [...prior, ...history].map((h) => ({ epoch: h.epoch, loss: finiteOrNull(h.loss), testLoss: finiteOrNull(h.testLoss) })),
        metrics: { testLoss: finiteOrNull([...prior, ...history].at(-1)?.testLoss), knn: null },
        status,
        ...extra,
      });
      const result: TrainResult = await train(
        model,
        data.dataset,
        {
          learningRate: config.learningRate,
          batchSize: config.batchSize,
          epochs: config.epochs,
          seed: config.seed,
          limit: config.limit,
          controller: active.controller,
          runId,
          progressEvery,
          startEpoch: prior.length + 1,
        },
        {
          onBatch: (progress) => {
            active.epoch = progress.epoch;
            events.emit('trainProgress', progress);
            const global = (progress.epoch - 1) * progress.batches + progress.batch;
            if (global - lastSubset < every) return;
            lastSubset = global;
            const codes = encodeAll(model.encoder, subsetImages, subset.length);
            const plane = live.fixed ?? live.latest()?.plane ?? new LatentPlane(codes, subset.length, config.latent);
            const { x, y } = splitXY(plane.toPlane(codes));
            events.emit('embeddingUpdate', { runId, x, y, labels: subsetLabels, indices: subset, trainCount: data.trainCount, dims: config.latent, projected: plane.projected });
          },
          onEpoch: (progress) => events.emit('trainProgress', progress),
          // Awaited by the loop: the weights hold still while all codes are re-encoded (yielding to requests).
          onCheckpoint: async (_epoch, history) => {
            events.emit('embeddingUpdate', toApiEmbedding(runId, await live.refresh(), data));
            await saveRun(dir, model, record(history, 'checkpoint'), { state: true });
          },
        },
      );
      end = await this.finish(result, dir, runId, async () => {
        const e = live.latest() ?? (await live.refresh());
        const d = config.latent;
        const knn = await knnAccuracyYielding(e.codes.subarray(0, data.trainCount * d), data.labels.subarray(0, data.trainCount), e.codes.subarray(data.trainCount * d), data.labels.subarray(data.trainCount), d);
        return record(result.history, 'complete', {
          metrics: { testLoss: finiteOrNull(result.history.at(-1)?.testLoss ?? prior.at(-1)?.testLoss), knn },
          finishedAt: new Date().toISOString(),
          durationMs: priorMs + result.durationMs,
          samplesPerSec: result.samplesPerSec,
        });
      }, model, Boolean(from));
    } catch (err) {
      console.error(`latent-explorer: training ${runId} failed:`, err);
      end = { runId, outcome: 'failed', message: err instanceof Error ? err.message : String(err) };
    } finally {
      models.setLive(null, runId);
      ae?.dispose();
    }
    events.emit('trainEnd', end);
  }

  private async finish(result: TrainResult, dir: string, runId: string, complete: () => Promise<RunRecord>, ae: Autoencoder, resumed: boolean): Promise<TrainEnd> {
    if (result.outcome !== 'complete') {
      // Nothing half-done stays in the library: the checkpoints of a cancelled or diverged run go too. A resumed
      // run keeps its last checkpoint on cancel (it was the user's before this session).
      if (!(resumed && result.outcome === 'cancelled')) await deleteRun(dir).catch(() => {});
      return { runId, outcome: result.outcome, message: result.message };
    }
    const record = await complete();
    await saveRun(dir, ae, record, { state: false });
    return { runId, outcome: 'complete', run: toRunSummary(record, runId) };
  }
}

/** The model under training, as the model cache serves it to inference requests. */
function liveModel(runId: string, config: TrainConfig, ae: Autoencoder, data: DatasetIndex, createdAt: string, backend: BackendName) {
  let latest: ModelEmbedding | null = null;
  let pending: Promise<ModelEmbedding> | null = null;
  const refresh = () =>
    (pending = computeEmbedding(ae.encoder, data, config.latent).then((e) => (latest = e)).finally(() => (pending = null)));
  const fixed = fixedPlane(config.latent);
  const embedding = () => (latest ? Promise.resolve(latest) : (pending ?? refresh()));
  const model: OpenModel = {
    id: runId,
    summary: toRunSummary({ ...baseRecord(runId, config, data, createdAt, backend), history: [], metrics: { testLoss: null, knn: null }, status: 'checkpoint' }, runId),
    config,
    encoder: ae.encoder,
    decoder: ae.decoder,
    dims: config.latent,
    embedding,
    plane: async () => fixed ?? (await embedding()).plane,
  };
  return { model, latest: () => latest, refresh, fixed };
}

function baseRecord(runId: string, config: TrainConfig, data: DatasetIndex, createdAt: string, backend: BackendName) {
  return {
    version: RUN_VERSION,
    id: runId,
    name: config.name ?? `${config.arch} ${config.latent}-D`,
    config,
    dataset: data.dataset.id,
    backend,
    createdAt,
    finishedAt: null,
    durationMs: 0,
  } as const;
}

/** `dense-2d-20261123-150102-a1b2`: sortable, readable, unique. */
export function newRunId(config: TrainConfig, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${config.arch}-${config.latent}d-${stamp}-${randomBytes(2).toString('hex')}`;
}
