/** How much memory one training may take on this machine, and the refusal of a config that needs more. */
import { freemem, totalmem } from 'node:os';
import { estimateTrainingMemory, formatBytes } from '../pure/model/memory-estimate.js';
import type { ModelConfig } from '../pure/model/types.js';

/** Overrides the budget (megabytes), e.g. for a machine shared with other work, or for tests. */
export const MEMORY_BUDGET_ENV = 'LATENT_EXPLORER_MEMORY_BUDGET_MB';

/** Bytes a training may use: `$LATENT_EXPLORER_MEMORY_BUDGET_MB`, else 60 % of the memory, at most what is free. */
export function trainingMemoryBudget(env: Record<string, string | undefined> = process.env): number {
  const given = Number(env[MEMORY_BUDGET_ENV]);
  if (Number.isFinite(given) && given > 0) return given * 1e6;
  return Math.min(totalmem() * 0.6, Math.max(freemem(), totalmem() * 0.3));
}

/** Why `config` cannot be trained here (naming the estimate and the budget), or null when it fits. */
export function memoryRefusal(
  config: ModelConfig & { batchSize: number },
  trainImages: number,
  budget = trainingMemoryBudget(),
): string | null {
  const { bytes, params } = estimateTrainingMemory(config, trainImages);
  if (bytes <= budget) return null;
  return (
    `this configuration needs about ${formatBytes(bytes)} of memory to train (${(params / 1e6).toFixed(1)} M weights, batch ${config.batchSize}), ` +
    `more than the ${formatBytes(budget)} this machine can give it: use fewer or smaller hidden layers or a smaller batch`
  );
}
