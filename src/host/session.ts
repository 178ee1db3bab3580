/**
 * The engine session: the dataset (loaded once), open models, training, and the handler for every request.
 * Wrapped by `createHost`, which validates requests before they reach these handlers.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ApiError, type BackendName, type RunSummary } from '../pure/api/api.js';
import { listRuns, readRunRecord, toRunSummary } from '../runs/index.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { toApiEmbedding } from './embedding.js';
import { createEventHub } from './events.js';
import type { Engine, Handlers } from './host.js';
import { createDatasetCache } from './dataset-cache.js';
import { createDatasetEncoder } from './dataset-encoder.js';
import { libraryHandlers } from './library.js';
import { lessonPackDirs, shippedSummaries } from './shipped-runs.js';
import { DEFAULT_RUN_ID, ModelCache } from './models.js';
import { decodePoints, encodeImage, grid, interpolate, reconstruct } from './queries.js';
import { teachHandlers } from './teach.js';
import { importHandlers } from './import.js';
import { figureHandlers } from './figures.js';
import { latentLabHandlers } from './latent-lab.js';
import { latentKlHandlers } from './latent-kl.js';
import { classifierHandlers } from './classifier.js';
import { contractiveHandlers } from './teach-contractive.js';
import { Training } from './training.js';
import { engineMemory } from './memory.js';
import { memoryRefusal } from '../runs/memory-budget.js';

/** The app's `assets/` folder (src/host/ and the bundle's dist/electron/ both sit two levels under the root). */
const CLASSIFIERS_DIR = fileURLToPath(new URL('../../assets', import.meta.url));
import { errorMessage } from '../pure/errors.js';

/** How long `dispose` waits for a cancelled training's worker before terminating it. */
const DISPOSE_GRACE_MS = 10_000;

export interface SessionOptions {
  /** The runs library folder (created when the first run is saved). */
  runsDir: string;
  /** The shipped default run, opened at start when present. */
  defaultRunDir?: string;
  /** The shipped lesson pack (`assets/lessons`); default: `lessons/` beside the default run's folder. */
  lessonsDir?: string;
  /** The backend in use, for `info` and run records. */
  backend: () => BackendName;
  /** Why the engine is not on its first-choice backend (for `info`); absent or null when it is. */
  backendNote?: () => string | null;
  /** App version for `info`. */
  version: string;
  /** Training tuning (tests use small values). */
  subsetEvery?: number;
  /** Folder of the shipped classifiers (default: the app's `assets/`). */
  assetsDir?: string;
  /** The training worker's entry (default: `$LATENT_EXPLORER_TRAIN_WORKER`, else the TypeScript bootstrap). */
  trainWorker?: string;
  /** Training threads (data-parallel; default `trainThreads`' choice per model). */
  trainThreads?: number;
  /**
   * The encode worker's entry (default: `$LATENT_EXPLORER_ENCODE_WORKER`, else the TypeScript bootstrap); `false`:
   * no encode worker, runs are encoded on the engine's thread alone.
   */
  encodeWorker?: string | false;
}

export interface Session extends Engine {
  readonly training: Training;
  /** Disposes every open model; waits for a training to stop. */
  dispose(): Promise<void>;
}

export function createSession(opts: SessionOptions): Session {
  const events = createEventHub();
  const datasets = createDatasetCache({ runsDir: opts.runsDir });
  const dataset = datasets.mnist;
  const dataFor = (id?: string) => datasets.get(id);
  // One encode worker per session: opened runs encode their dataset on both cores.
  const threads = createDatasetEncoder({ path: opts.encodeWorker || undefined, oneThread: opts.encodeWorker === false });
  const shipped = lessonPackDirs(opts.lessonsDir ?? (opts.defaultRunDir && join(dirname(opts.defaultRunDir), 'lessons')));
  const models = new ModelCache({ runsDir: opts.runsDir, defaultRunDir: opts.defaultRunDir, shipped, data: dataset, dataFor, threads });
  const training = new Training({
    runsDir: opts.runsDir,
    data: dataset,
    dataFor,
    models,
    events,
    backend: opts.backend,
    subsetEvery: opts.subsetEvery,
    workerPath: opts.trainWorker,
    threads: opts.trainThreads,
  });
  /** The dataset of the current run (what `images` indexes and `info` reports). */
  const currentData = async (): Promise<DatasetIndex> => {
    const model = models.current ? await models.get().catch(() => null) : null;
    return dataFor(model?.summary.dataset);
  };

  // The default run opens in the background; `info` waits for it, other requests find it when they need it.
  const opening = (async () => {
    if (
      !opts.defaultRunDir ||
      !(await stat(opts.defaultRunDir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      return;
    try {
      const model = await models.open(DEFAULT_RUN_ID);
      // Encoding all 70,000 images takes seconds on wasm: start now, so the first view rarely waits for it.
      setTimeout(() => model.embedding().catch(() => {}), 50).unref();
    } catch (err) {
      console.error(`latent-explorer: the default model could not be opened: ${errorMessage(err)}`);
    }
  })();

  const defaultSummary = async (): Promise<RunSummary | null> => {
    if (!opts.defaultRunDir) return null;
    try {
      return { ...toRunSummary(await readRunRecord(opts.defaultRunDir), DEFAULT_RUN_ID), shipped: true };
    } catch {
      return null;
    }
  };

  /** The model a request names (or the current one) and its display plane. */
  const open = async (runId?: string) => {
    const model = await models.get(runId);
    return { model, plane: await model.plane() };
  };

  const handlers: Handlers = {
    info: async () => {
      await opening;
      const data = await currentData();
      const run = models.current ? ((await models.get().catch(() => null))?.summary ?? null) : null;
      return {
        backend: opts.backend(),
        ...(opts.backendNote?.() ? { backendNote: opts.backendNote() ?? undefined } : {}),
        version: opts.version,
        dataset: data.summary,
        run,
        training: training.state(),
        memory: engineMemory(),
      };
    },
    listRuns: async () => {
      const [listing, fallback, pack] = await Promise.all([listRuns(opts.runsDir), defaultSummary(), shippedSummaries(shipped)]);
      const runs = listing.runs.filter((r) => r.status === 'complete' && !shipped.has(r.id)).map((r) => toRunSummary(r, r.id));
      return [...(fallback ? [fallback] : []), ...pack, ...runs];
    },
    openRun: async ({ id }) => (await models.open(id)).summary,
    embedding: async (arg) => {
      const model = await models.get(arg?.runId);
      const e = toApiEmbedding(model.id, await model.embedding(), await dataFor(model.summary.dataset));
      return model.summary.codesOnly ? { ...e, codesOnly: true } : e;
    },
    images: async ({ indices, runId }) => {
      const data = runId ? await dataFor((await models.get(runId)).summary.dataset) : await currentData();
      return { images: data.gather(indices) };
    },
    decode: async ({ points, runId }) => {
      const { model, plane } = await open(runId);
      return { images: await decodePoints(model, plane, points) };
    },
    encode: async ({ image, runId }) => {
      const { model, plane } = await open(runId);
      return await encodeImage(model, plane, image);
    },
    reconstruct: async ({ indices, runId }) => {
      const model = await models.get(runId);
      return await reconstruct(model, await dataFor(model.summary.dataset), indices);
    },
    interpolate: async ({ from, to, steps, runId }) => {
      const { model, plane } = await open(runId);
      return await interpolate(model, plane, await dataFor(model.summary.dataset), from, to, steps);
    },
    grid: async ({ runId, n, ...box }) => {
      const { model, plane } = await open(runId);
      return await grid(model, plane, box, n);
    },
    startTraining: async ({ config }) => {
      if (config.limit !== undefined && config.limit > 60_000) throw new ApiError('bad-request', 'limit is larger than the training set');
      const tooBig = memoryRefusal(config, Math.min(config.limit ?? 60_000, 60_000));
      if (tooBig) throw new ApiError('bad-request', tooBig);
      return await training.start(config);
    },
    pauseTraining: () => training.pause(),
    resumeTraining: () => training.resume(),
    cancelTraining: () => training.cancel(),
    ...datasets.handlers,
    ...libraryHandlers({ runsDir: opts.runsDir, defaultRunDir: opts.defaultRunDir, shipped, models, training }),
    ...teachHandlers({ models, dataFor }),
    ...importHandlers({ runsDir: opts.runsDir, defaultRunDir: opts.defaultRunDir, dataFor, backend: opts.backend, models }),
    ...figureHandlers({ runsDir: opts.runsDir, defaultRunDir: opts.defaultRunDir }),
    ...latentLabHandlers({ models, dataFor }),
    ...latentKlHandlers({ models, dataFor }),
    ...classifierHandlers({ models, assetsDir: opts.assetsDir ?? CLASSIFIERS_DIR }),
    ...contractiveHandlers({ models, dataFor }),
  };

  return {
    handlers,
    events,
    training,
    async dispose() {
      training.cancel();
      await training.settled(DISPOSE_GRACE_MS);
      await opening;
      await models.clear();
      await threads.dispose();
      datasets.clear();
    },
  };
}
