/**
 * A training's checkpoint, written after every epoch and read back to resume: the run folder with status
 * `checkpoint` plus the whole training state (src/runs/state.ts): weights, Adam's moments and step count, and the
 * noise generator's position (src/train/checkpoint-state.ts), so a resumed run takes the very steps the
 * uninterrupted one would have. Both ends go through here.
 */
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import type { Autoencoder } from '../model/types.js';
import { restoreTrainState, saveRun, type RunRecord } from '../runs/index.js';
import { STATE_DIR } from '../runs/state.js';
import { checkpointExtras, resumeExtras } from './checkpoint-state.js';

/** Saves `model` as the checkpoint `record` (status `checkpoint`) in `dir`, with the optimizer's state and `files`. */
export async function saveCheckpoint(
  dir: string,
  model: Autoencoder,
  record: RunRecord,
  optimizer: tf.Optimizer,
  files?: Readonly<Record<string, Uint8Array>>,
): Promise<void> {
  await saveRun(dir, model, record, { state: true, files, extras: await checkpointExtras(model, optimizer) });
}

/**
 * Restores the checkpoint in `dir` into `model` (built from the same config).
 * @returns the loop's `restoreOptimizer` option when the checkpoint kept the optimizer's state.
 * @throws Error when it does not fit.
 */
export async function restoreCheckpoint(dir: string, model: Autoencoder): Promise<ReturnType<typeof resumeExtras>> {
  return resumeExtras(model, await restoreTrainState(model, join(dir, STATE_DIR)));
}
