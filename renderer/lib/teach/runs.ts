/**
 * Which runs a lesson starts on, chosen from the library listing. The user's own runs come first (newest first
 * within each rule); without one that suits, the lesson opens on its model from the shipped lesson pack
 * (`lesson-<id>`), so every lesson has its own model at first launch. Pure.
 */
import type { RunSummary } from '../../../src/pure/api/api.js';
import { packRunId } from '../../../src/pure/model/presets.js';

const newest = (runs: readonly RunSummary[]) => [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
const own = (runs: readonly RunSummary[]) => runs.filter((r) => !r.shipped);

/** Run id of pack model `id` when it is listed, else null. */
export function shippedRun(runs: readonly RunSummary[], id: string | undefined): string | null {
  if (!id) return null;
  const runId = packRunId(id);
  return runs.some((r) => r.id === runId) ? runId : null;
}

/**
 * The newest of the user's runs passing `test`, else pack model `pack` if listed, else any listed run passing
 * `test`, else `fallback` if it is listed, else the first run; null for none.
 */
export function pickRun(
  runs: readonly RunSummary[],
  test: (r: RunSummary) => boolean,
  fallback?: string | null,
  pack?: string,
): string | null {
  return (
    newest(own(runs)).find(test)?.id ??
    shippedRun(runs, pack) ??
    newest(runs).find(test)?.id ??
    runs.find((r) => r.id === fallback)?.id ??
    runs[0]?.id ??
    null
  );
}

/**
 * A BCE run and an MSE run to compare: the newest MSE run of the user's and the newest BCE run of its
 * architecture and latent size (any BCE run if none matches); without an MSE run of the user's, the pack's pair
 * (one architecture trained with each loss). Either may be null.
 */
export function pickLossPair(runs: readonly RunSummary[], losses: ReadonlyMap<string, string>): [string | null, string | null] {
  const byLoss = (from: readonly RunSummary[], loss: string) => newest(from).filter((r) => losses.get(r.id) === loss);
  const mse = byLoss(own(runs), 'mse')[0] ?? null;
  const packPair: [string | null, string | null] = [shippedRun(runs, 'dense-bce'), shippedRun(runs, 'dense-mse')];
  if (!mse && packPair[0] && packPair[1]) return packPair;
  const bces = byLoss(runs, 'bce');
  const bce = bces.find((r) => mse && r.arch === mse.arch && r.latent === mse.latent) ?? byLoss(own(runs), 'bce')[0] ?? bces[0] ?? null;
  return [bce?.id ?? null, mse?.id ?? null];
}
