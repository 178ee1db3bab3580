/** The run records a training writes (every checkpoint and the final run), for the CLI and the app alike. */
import type { BackendName, TrainConfig } from '../pure/api/api.js';
import { RUN_VERSION, finiteOrNull, type RunRecord } from '../runs/index.js';
import type { EpochStats } from './loop.js';

/** What a run continues from: the checkpoint's record fields the new record keeps. */
export interface ResumeInfo {
  name: string;
  createdAt: string;
  durationMs: number;
  history: RunRecord['history'];
}

/** The name a run gets when its config has none, e.g. `dense 2-D`. */
export function defaultRunName(config: TrainConfig): string {
  return `${config.arch} ${config.latent}-D`;
}

/** The fields of a run's record that do not depend on its progress. */
export function baseRecord(runId: string, config: TrainConfig, datasetId: string, createdAt: string, backend: BackendName) {
  return {
    version: RUN_VERSION,
    id: runId,
    name: config.name ?? defaultRunName(config),
    config,
    dataset: datasetId,
    backend,
    createdAt,
    finishedAt: null,
    durationMs: 0,
  } as const;
}

export interface RecordContext {
  runId: string;
  config: TrainConfig;
  datasetId: string;
  /** When the run was first started (a resumed run keeps its checkpoint's). */
  createdAt: string;
  backend: BackendName;
  resume: ResumeInfo | null;
}

/** The checkpoint's epochs as the loop reports them (null losses back to NaN). */
export function priorEpochs(resume: ResumeInfo | null): EpochStats[] {
  return (resume?.history ?? []).map((h) => ({ epoch: h.epoch, loss: h.loss ?? NaN, testLoss: h.testLoss ?? NaN }));
}

/**
 * The record after `history` (this session's epochs), with the checkpoint's epochs before them when resuming.
 * `trainingMs` is this session's training time; the checkpoint's is added to it.
 */
export function runRecord(
  ctx: RecordContext,
  history: readonly EpochStats[],
  status: RunRecord['status'],
  trainingMs: number,
  extra: Partial<RunRecord> = {},
): RunRecord {
  const all = [...priorEpochs(ctx.resume), ...history];
  return {
    ...baseRecord(ctx.runId, ctx.config, ctx.datasetId, ctx.createdAt, ctx.backend),
    ...(ctx.resume ? { name: ctx.resume.name } : {}),
    durationMs: (ctx.resume?.durationMs ?? 0) + trainingMs,
    history: all.map((h) => ({ epoch: h.epoch, loss: finiteOrNull(h.loss), testLoss: finiteOrNull(h.testLoss) })),
    metrics: { testLoss: finiteOrNull(all.at(-1)?.testLoss), knn: null },
    status,
    ...extra,
  };
}
