/** The run records a training writes (checkpoints and the final run), built the same way in both threads. */
import type { BackendName, TrainConfig } from '../../pure/api/api.js';
import { RUN_VERSION, finiteOrNull, type RunRecord } from '../../runs/index.js';
import type { EpochStats } from '../../train/loop.js';
import type { ResumeInfo } from './protocol.js';

/** The fields of a run's record that do not depend on its progress. */
export function baseRecord(runId: string, config: TrainConfig, datasetId: string, createdAt: string, backend: BackendName) {
  return {
    version: RUN_VERSION,
    id: runId,
    name: config.name ?? `${config.arch} ${config.latent}-D`,
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
  createdAt: string;
  backend: BackendName;
  resume: ResumeInfo | null;
}

/** The record after `history` (this session's epochs), with the checkpoint's epochs before them when resuming. */
export function runRecord(
  ctx: RecordContext,
  history: readonly EpochStats[],
  status: RunRecord['status'],
  extra: Partial<RunRecord> = {},
): RunRecord {
  const prior = (ctx.resume?.history ?? []).map((h) => ({ epoch: h.epoch, loss: h.loss ?? NaN, testLoss: h.testLoss ?? NaN }));
  const all = [...prior, ...history];
  return {
    ...baseRecord(ctx.runId, ctx.config, ctx.datasetId, ctx.createdAt, ctx.backend),
    ...(ctx.resume ? { name: ctx.resume.name } : {}),
    durationMs: ctx.resume?.durationMs ?? 0,
    history: all.map((h) => ({ epoch: h.epoch, loss: finiteOrNull(h.loss), testLoss: finiteOrNull(h.testLoss) })),
    metrics: { testLoss: finiteOrNull(all.at(-1)?.testLoss), knn: null },
    status,
    ...extra,
  };
}
