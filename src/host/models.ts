/**
 * Open models by run id: the current run, a few recent ones (the compare view asks by `runId`), and the model
 * of a training in progress. Loading is shared (two requests for one run load it once); the least recently used
 * run beyond the capacity is disposed, never the current one.
 */
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { ApiError, type RunSummary, type TrainConfig } from '../pure/api/api.js';
import { loadRun, runFolder, toRunSummary } from '../runs/index.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { LatentPlane } from '../pure/latent/plane.js';
import { computeEmbedding, fixedPlane, type ModelEmbedding } from './embedding.js';
import type { DatasetEncoder } from './dataset-encoder.js';
import { runApiError } from './run-errors.js';

/** Id of the model shipped with the app (`assets/default-run`). */
export const DEFAULT_RUN_ID = 'default';
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** An open model, ready for inference. */
export interface OpenModel {
  readonly id: string;
  readonly summary: RunSummary;
  readonly config: TrainConfig;
  readonly encoder: tf.LayersModel;
  readonly decoder: tf.LayersModel;
  /** Latent size. */
  readonly dims: number;
  /** Codes and plane of the whole dataset; computed on first use (yielding as it goes), then kept. */
  embedding(): Promise<ModelEmbedding>;
  /** The display plane: at once for d <= 2; for d > 2 fitted to all codes, so it waits for `embedding()`. */
  plane(): Promise<LatentPlane>;
}

export interface ModelCacheOptions {
  runsDir: string;
  /** Folder of the shipped default run; absent: no default. */
  defaultRunDir?: string;
  data: () => Promise<DatasetIndex>;
  /** The dataset a run was trained on, by id (e.g. `fashion-mnist`); `data` when absent. */
  dataFor?: (datasetId: string) => Promise<DatasetIndex>;
  /** Runs kept open besides the current one. Default 3. */
  capacity?: number;
  /** Encodes the datasets of opened runs (on both cores); one thread when absent. */
  threads?: DatasetEncoder;
}

type Entry = { model: Promise<OpenModel & { dispose(): void }>; used: number };

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  private readonly live = new Map<string, OpenModel>();
  private clock = 0;
  /** The run requests without `runId` use; null before any was opened. */
  current: string | null = null;

  constructor(private readonly opts: ModelCacheOptions) {}

  /** Folder of run `id`. @throws ApiError `bad-request` for an id that is not a plain folder name. */
  dirOf(id: string): string {
    if (id === DEFAULT_RUN_ID && this.opts.defaultRunDir) return this.opts.defaultRunDir;
    if (!RUN_ID.test(id) || id.includes('..')) throw new ApiError('bad-request', `'${id.slice(0, 80)}' is not a run id`);
    return join(this.opts.runsDir, id);
  }

  /** The model for `id` (the current run when absent). @throws ApiError `no-model`, `not-found`. */
  async get(id?: string): Promise<OpenModel> {
    const key = id ?? this.current;
    if (!key) throw new ApiError('no-model', 'no model is open; open a run or train one');
    const live = this.live.get(key);
    if (live) return live;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { model: this.load(key), used: 0 };
      this.entries.set(key, entry);
      entry.model.catch(() => this.entries.delete(key));
    }
    entry.used = ++this.clock;
    const model = await entry.model;
    this.evict();
    return model;
  }

  /** Makes `id` the current run (loading it first, so a bad id leaves the current run as it was). */
  async open(id: string): Promise<OpenModel> {
    const model = await this.get(id);
    this.current = id;
    return model;
  }

  /** Registers the model of a training in progress under its run id (not owned: the trainer disposes it). */
  setLive(model: OpenModel | null, id: string): void {
    if (model) this.live.set(id, model);
    else this.live.delete(id);
    // A finished training saved a new version of the run: the next request loads it from disk.
    void this.drop(id);
  }

  /** Forgets run `id` (it was deleted): disposes it when loaded; the current run becomes none if it was this one. */
  forget(id: string): void {
    if (this.current === id) this.current = null;
    void this.drop(id);
  }

  /** Replaces the summary an open run reports (after a rename), without reloading its models. */
  async retitle(id: string, summary: RunSummary): Promise<void> {
    const model = await this.entries.get(id)?.model.catch(() => null);
    if (model) (model as { summary: RunSummary }).summary = summary;
  }

  /** Disposes every model this cache loaded. */
  async clear(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    this.current = null;
    for (const entry of all) (await entry.model.catch(() => null))?.dispose();
  }

  private async drop(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    const model = await entry.model.catch(() => null);
    // Later: a request that already holds this model may still be about to run it.
    if (model) setTimeout(() => model.dispose(), 1_000).unref();
  }

  private evict(): void {
    const capacity = this.opts.capacity ?? 3;
    const candidates = [...this.entries].filter(([id]) => id !== this.current).sort((a, b) => a[1].used - b[1].used);
    for (const [id] of candidates.slice(0, Math.max(0, candidates.length - capacity))) void this.drop(id);
  }

  private async load(id: string): Promise<OpenModel & { dispose(): void }> {
    const dir = this.dirOf(id);
    // The encode worker boots while the run's files and dataset load, ready for the run's embedding.
    void this.opts.threads?.start();
    // A library run must be a real folder inside the library: a symlink planted there could lead anywhere.
    const checked = dir === this.opts.defaultRunDir ? Promise.resolve(dir) : runFolder(this.opts.runsDir, id);
    const run = await checked.then(loadRun).catch((err: unknown) => {
      throw runApiError(err, id);
    });
    let data: DatasetIndex;
    try {
      data = await (this.opts.dataFor ? this.opts.dataFor(run.record.dataset) : this.opts.data());
    } catch (err) {
      run.encoder.dispose();
      run.decoder.dispose();
      throw err;
    }
    const dims = run.record.config.latent;
    let embedding: Promise<ModelEmbedding> | null = null;
    const compute = () => {
      embedding ??= computeEmbedding(run.encoder, data, dims, this.opts.threads).catch((err: unknown) => {
        embedding = null;
        throw err;
      });
      return embedding;
    };
    const fixed = fixedPlane(dims);
    return {
      id,
      summary: toRunSummary(run.record, id),
      config: run.record.config,
      encoder: run.encoder,
      decoder: run.decoder,
      dims,
      embedding: compute,
      plane: async () => fixed ?? (await compute()).plane,
      dispose: () => {
        this.opts.threads?.forget(run.encoder);
        run.encoder.dispose();
        run.decoder.dispose();
      },
    };
  }
}
