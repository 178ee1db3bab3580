/**
 * A training's checkpoint, written after every epoch and read back to resume: the run folder with status
 * `checkpoint` plus the trainable state (src/runs/state.ts). Both ends go through here, so whatever else exact
 * resume needs (optimizer moments, step count, random state) is added in this one pair.
 */
import { join } from 'node:path';
import type { Autoencoder } from '../model/types.js';
import { restoreTrainState, saveRun, type RunRecord } from '../runs/index.js';
import { STATE_DIR } from '../runs/state.js';

/** Saves `model` as the checkpoint `record` (status `checkpoint`) in `dir`, replacing the previous one. */
export async function saveCheckpoint(dir: string, model: Autoencoder, record: RunRecord): Promise<void> {
  await saveRun(dir, model, record, { state: true });
}

/** Restores the checkpoint in `dir` into `model` (built from the same config). @throws Error when it does not fit. */
export async function restoreCheckpoint(dir: string, model: Autoencoder): Promise<void> {
  await restoreTrainState(model, join(dir, STATE_DIR));
}
