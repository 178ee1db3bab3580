/**
 * Requests for figures across runs: loss histories (compare runs) and a run's training replay. Read from the
 * run folders only; no model is loaded.
 */
import { ApiError, type ReplayData, type RunHistory } from '../pure/api/api.js';
import { readRunRecord, runFolder, type RunRecord } from '../runs/index.js';
import { NoReplayError, readReplay } from '../runs/replay.js';
import type { Handlers } from './host.js';
import { DEFAULT_RUN_ID } from './models.js';
import { errorMessage } from '../pure/errors.js';

export interface FigureOptions {
  runsDir: string;
  defaultRunDir?: string;
}

export function figureHandlers(opts: FigureOptions): Pick<Handlers, 'runHistories' | 'runReplay'> {
  const dirOf = async (id: string): Promise<string> => {
    if (id === DEFAULT_RUN_ID && opts.defaultRunDir) return opts.defaultRunDir;
    try {
      return await runFolder(opts.runsDir, id);
    } catch {
      throw new ApiError('not-found', `no run '${id}' in the runs library`);
    }
  };
  const record = async (id: string): Promise<{ dir: string; record: RunRecord }> => {
    const dir = await dirOf(id);
    try {
      return { dir, record: await readRunRecord(dir) };
    } catch (err) {
      throw new ApiError('not-found', `run '${id}' cannot be read: ${errorMessage(err)}`);
    }
  };
  const history = (id: string, r: RunRecord): RunHistory => ({
    id,
    name: r.name || id,
    loss: r.config.loss,
    epochs: r.config.epochs,
    history: r.history.map((h) => ({ epoch: h.epoch, loss: h.loss, testLoss: h.testLoss })),
  });
  return {
    runHistories: async ({ ids }) => Promise.all(ids.map(async (id) => history(id, (await record(id)).record))),
    runReplay: async ({ id }): Promise<ReplayData> => {
      const { dir, record: r } = await record(id);
      let replay;
      try {
        replay = await readReplay(dir);
      } catch (err) {
        if (err instanceof NoReplayError)
          throw new ApiError('not-found', `run '${r.name || id}' has no training replay: it was trained before replays were recorded`);
        throw new ApiError('internal', errorMessage(err));
      }
      const n = replay.indices.length;
      const xy = new Float32Array(replay.epochs.length * n * 2);
      replay.epochs.forEach((e, k) => xy.set(e.xy, k * n * 2));
      return {
        ...history(id, r),
        recorded: replay.epochs.map((e) => e.epoch),
        xy,
        labels: replay.labels,
        projected: replay.projected,
        latent: r.config.latent,
      };
    },
  };
}
