/** Which runs a lesson starts on, chosen from the library listing (newest first within each rule). Pure. */
import type { RunSummary } from '../../../src/pure/api/api.js';

const newest = (runs: readonly RunSummary[]) => [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

/** The newest run passing `test`, else `fallback` if it is listed, else the first run; null for none. */
export function pickRun(runs: readonly RunSummary[], test: (r: RunSummary) => boolean, fallback?: string | null): string | null {
  return newest(runs).find(test)?.id ?? runs.find((r) => r.id === fallback)?.id ?? runs[0]?.id ?? null;
}

/**
 * A BCE run and an MSE run to compare: the newest MSE run and the newest BCE run of its architecture and latent
 * size (any BCE run if none matches). Either may be null.
 */
export function pickLossPair(runs: readonly RunSummary[], losses: ReadonlyMap<string, string>): [string | null, string | null] {
  const byLoss = (loss: string) => newest(runs).filter((r) => losses.get(r.id) === loss);
  const mse = byLoss('mse')[0] ?? null;
  const bces = byLoss('bce');
  const bce = bces.find((r) => mse && r.arch === mse.arch && r.latent === mse.latent) ?? bces[0] ?? null;
  return [bce?.id ?? null, mse?.id ?? null];
}
