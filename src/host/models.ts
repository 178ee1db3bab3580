/**
 * Open models by run id: the current run, a few recent ones (the compare view asks by `runId`), and the model
 * of a training in progress. Loading is shared (two requests for one run load it once); the least recently used
 * run beyond the capacity is disposed, never the current one.
 */
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { ApiError, type RunSummary, type TrainConfig } from '../pure/api/api.js';
import { runFolder, toRunSummary } from '../runs/index.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { LatentPlane } from '../pure/latent/plane.js';
import type { DatasetEncoder } from './dataset-encoder.js';
import { computeEmbedding, embeddingOfCodes, fixedPlane, type ModelEmbedding } from './embedding.js';
import { ModelLease, leaseToCurrentRequest } from './model-lease.js';
import { embeddingOfNet, loadRunModels, notTrainedHere, type RunNet } from './model-net.js';
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
  /**
   * The model as every view should use it (encode, decode), whatever runs it; absent on a training's live
   * model (use `netOf`). An imported run has only this: its `encoder`/`decoder` throw a clear ApiError.
   */
  readonly net?: RunNet;
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
  /** Other runs shipped with the app (the lesson pack): run id -> folder. Read-only, like the default. */
  shipped?: ReadonlyMap<string, string>;
  data: () => Promise<DatasetIndex>;
  /** The dataset a run was trained on, by id (e.g. `fashion-mnist`); `data` when absent. */
  dataFor?: (datasetId: string) => Promise<DatasetIndex>;
  /** Runs kept open besides the current one. Default 3. */
  capacity?: number;
  /** Encodes the datasets of opened runs (on both cores); one thread when absent. */
  threads?: DatasetEncoder;
}

type Loaded = OpenModel & { dispose(): void; lease: ModelLease };
type Entry = { model: Promise<Loaded>; used: number };

/** How long a model no request leases stays alive after the cache lets it go (a caller outside a request may still run it). */
const UNLEASED_GRACE_MS = 1_000;

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
    const shipped = this.opts.shipped?.get(id);
    if (shipped) return shipped;
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
    // Held until this request ends, even if the run is deleted or evicted meanwhile.
    leaseToCurrentRequest(model.lease);
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
    for (const entry of all) {
      const model = await entry.model.catch(() => null);
      if (model && !model.lease.isDisposed) model.dispose();
    }
  }

  private async drop(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    const model = await entry.model.catch(() => null);
    // Disposed when the last request holding it ends; a caller outside any request gets a short grace.
    if (model) {
      model.lease.acquire();
      setTimeout(() => model.lease.release(), UNLEASED_GRACE_MS).unref();
      model.lease.retire();
    }
  }

  private evict(): void {
    const capacity = this.opts.capacity ?? 3;
    const candidates = [...this.entries].filter(([id]) => id !== this.current).sort((a, b) => a[1].used - b[1].used);
    for (const [id] of candidates.slice(0, Math.max(0, candidates.length - capacity))) void this.drop(id);
  }

  private async load(id: string): Promise<Loaded> {
    const dir = this.dirOf(id);
    // The encode worker boots while the run's files and dataset load, ready for the run's embedding.
    void this.opts.threads?.start();
    // A library run must be a real folder inside the library: a symlink planted there could lead anywhere.
    const isShipped = dir === this.opts.defaultRunDir || this.opts.shipped?.get(id) === dir;
    const checked = isShipped ? Promise.resolve(dir) : runFolder(this.opts.runsDir, id);
    const run = await checked.then(loadRunModels).catch((err: unknown) => {
      throw runApiError(err, id);
    });
    let data: DatasetIndex;
    try {
      data = await (this.opts.dataFor ? this.opts.dataFor(run.record.dataset) : this.opts.data());
    } catch (err) {
      run.net.dispose();
      throw err;
    }
    const dims = run.record.config.latent;
    const lease = new ModelLease(() => {
      // The encode worker keeps its own copy of the encoder: let it go with the model.
      if (run.encoder) this.opts.threads?.forget(run.encoder);
      run.net.dispose();
    });
    let embedding: Promise<ModelEmbedding> | null = null;
    const compute = () => {
      // The computation holds the model itself: it may outlive the request that started it.
      embedding ??= lease
        .during(
          run.codes
            ? embeddingOfCodes(run.codes, data.count, dims)
            : run.encoder
              ? computeEmbedding(run.encoder, data, dims, this.opts.threads)
              : embeddingOfNet(run.net, data),
        )
        .catch((err: unknown) => {
          embedding = null;
          throw err;
        });
      return embedding;
    };
    const fixed = fixedPlane(dims);
    const name = run.record.name;
    return {
      id,
      summary: { ...toRunSummary(run.record, id), ...(isShipped ? { shipped: true } : {}) },
      config: run.record.config,
      get encoder(): tf.LayersModel {
        if (!run.encoder) throw notTrainedHere(name);
        return run.encoder;
      },
      get decoder(): tf.LayersModel {
        if (!run.decoder) throw notTrainedHere(name);
        return run.decoder;
      },
      net: run.net,
      dims,
      embedding: compute,
      plane: async () => fixed ?? (await compute()).plane,
      lease,
      dispose() {
        lease.retire();
      },
    };
  }
}
