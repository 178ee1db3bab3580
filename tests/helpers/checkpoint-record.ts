/** The record of a checkpoint after `epochs` epochs, for tests that save and resume a training themselves. */
import type { TrainConfig } from '../../src/pure/api/api.js';
import type { RunRecord } from '../../src/runs/index.js';

export function checkpointRecord(id: string, config: TrainConfig, epochs: number): RunRecord {
  return {
    version: 1,
    id,
    name: id,
    config,
    dataset: 'mnist',
    backend: 'wasm',
    history: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, loss: 0.2, testLoss: 0.2 })),
    metrics: { testLoss: 0.2, knn: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    durationMs: 0,
    status: 'checkpoint',
  };
}
