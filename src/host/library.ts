/**
 * The runs library as the UI manages it: rename, delete, read a run's settings (to retrain them), list the
 * checkpoints an interrupted training left behind and resume one. Requests name runs by id only; every id is
 * checked to be a plain folder name inside the library before any file is touched, so no request can reach a
 * path outside it (`..`, slashes and absolute paths are refused by the schema and again here).
 */
import { join } from 'node:path';
import { ApiError, isRunId, type CheckpointSummary, type RequestName, type TrainConfig } from '../pure/api/api.js';
import { deleteRun, hasTrainState, listRuns, readRunRecord, renameRun, runFolder, toRunSummary, type RunRecord } from '../runs/index.js';
import type { Handlers } from './host.js';
import { DEFAULT_RUN_ID, type ModelCache } from './models.js';
import type { Training } from './training.js';
import { runApiError } from './run-errors.js';

export interface LibraryOptions {
  runsDir: string;
  /** The shipped default run: readable (its settings can be retrained), never renamed or deleted. */
  defaultRunDir?: string;
  /** Other shipped runs (the lesson pack): run id -> folder; readable, never renamed, deleted or resumed. */
  shipped?: ReadonlyMap<string, string>;
  models: ModelCache;
  training: Training;
}

export type LibraryHandlers = Pick<
  Handlers,
  Extract<RequestName, 'renameRun' | 'deleteRun' | 'runConfig' | 'listCheckpoints' | 'resumeRun'>
>;

/** The folder of library run `id`. @throws ApiError `bad-request` for anything but a plain run id. */
export function libraryDir(runsDir: string, id: string): string {
  if (!isRunId(id)) throw new ApiError('bad-request', `'${id.slice(0, 80)}' is not a run id`);
  return join(runsDir, id);
}

/** Reads the record of run `id` in `dir`; with `root`, first checks that the folder is a real one inside it. */
async function readRecord(dir: string, id: string, root?: string): Promise<RunRecord> {
  try {
    if (root) await runFolder(root, id);
    return await readRunRecord(dir);
  } catch (err) {
    throw runApiError(err, id);
  }
}

export function libraryHandlers(opts: LibraryOptions): LibraryHandlers {
  const { runsDir, models, training } = opts;

  /** A run of the library the user may change: not the shipped one, not the one training now. */
  const ownRun = (id: string, verb: string): string => {
    if (id === DEFAULT_RUN_ID) throw new ApiError('bad-request', `the shipped default model cannot be ${verb}`);
    if (opts.shipped?.has(id)) throw new ApiError('bad-request', `the shipped lesson model '${id}' cannot be ${verb}`);
    if (training.activeRunId === id) throw new ApiError('busy', `run '${id}' is training; cancel it first`);
    return libraryDir(runsDir, id);
  };

  return {
    renameRun: async ({ id, name }) => {
      const dir = ownRun(id, 'renamed');
      await readRecord(dir, id, runsDir);
      const summary = toRunSummary(await renameRun(dir, name), id);
      await models.retitle(id, summary);
      return summary;
    },

    deleteRun: async ({ id }) => {
      const dir = ownRun(id, 'deleted');
      await readRecord(dir, id, runsDir);
      const wasCurrent = models.current === id;
      models.forget(id);
      await deleteRun(dir);
      // The explorer keeps something to show: the shipped model takes the deleted one's place.
      if (wasCurrent && opts.defaultRunDir) await models.open(DEFAULT_RUN_ID).catch(() => {});
      return { id };
    },

    runConfig: async ({ id }): Promise<TrainConfig> => {
      if (id === DEFAULT_RUN_ID && opts.defaultRunDir) return (await readRecord(opts.defaultRunDir, id)).config;
      const shippedDir = opts.shipped?.get(id);
      if (shippedDir) return (await readRecord(shippedDir, id)).config;
      return (await readRecord(libraryDir(runsDir, id), id, runsDir)).config;
    },

    listCheckpoints: async (): Promise<CheckpointSummary[]> => {
      const { runs } = await listRuns(runsDir);
      const out: CheckpointSummary[] = [];
      for (const run of runs) {
        if (run.status !== 'checkpoint' || run.id === training.activeRunId || !isRunId(run.id)) continue;
        // The record's id must be its folder's: a copied folder would otherwise resume into another run.
        if (libraryDir(runsDir, run.id) !== run.dir || !(await hasTrainState(run.dir))) continue;
        out.push({ ...toRunSummary(run, run.id), epochsPlanned: run.config.epochs });
      }
      return out;
    },

    resumeRun: async ({ id, epochs }) => {
      const dir = ownRun(id, 'resumed');
      const record = await readRecord(dir, id, runsDir);
      if (record.status !== 'checkpoint' || !(await hasTrainState(dir))) {
        throw new ApiError('bad-request', `run '${id}' is not a resumable checkpoint (it is ${record.status})`);
      }
      const config = epochs ? { ...record.config, epochs } : record.config;
      return training.start(config, { runId: id, record: { ...record, config } });
    },
  };
}
