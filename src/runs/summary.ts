/** From a stored run record to what the UI lists. */
import type { RunSummary } from '../pure/api/api.js';
import type { RunRecord } from './record.js';
import { paramCount } from '../pure/model/params.js';

export function toRunSummary(record: RunRecord, id = record.id): RunSummary {
  return {
    id,
    name: record.name,
    arch: record.config.arch,
    latent: record.config.latent,
    dataset: record.dataset,
    createdAt: record.createdAt,
    testLoss: record.metrics.testLoss,
    knn: record.metrics.knn,
    backend: record.backend,
    durationMs: record.durationMs,
    epochs: record.history.length,
    ...(record.imported ? { imported: record.imported.format } : {}),
    ...(record.kind === 'embeddings' ? { codesOnly: true } : {}),
    params: paramCount(record.config),
  };
}
