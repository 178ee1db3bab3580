/**
 * The glue between the training loop and a checkpoint's full state: what to save after an epoch (Adam's state,
 * the noise generator's position) and how a resumed training takes it back, so that the resumed run takes the
 * very steps the uninterrupted one would have (tests/integration/exact-resume.test.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../model/types.js';
import { captureOptimizerState, restoreOptimizerState } from '../runs/optimizer-state.js';
import type { TrainStateExtras } from '../runs/state.js';

/** The state to save with a checkpoint of `ae` trained by `optimizer`. */
export async function checkpointExtras(ae: Autoencoder, optimizer: tf.Optimizer): Promise<TrainStateExtras> {
  return { optimizer: await captureOptimizerState(optimizer), ...(ae.noise ? { random: ae.noise.state } : {}) };
}

/**
 * Puts a checkpoint's extras back: the noise generator at once, and a `restoreOptimizer` option for the loop
 * (it builds the optimizer). A checkpoint written before these were kept resumes as before (moments restart).
 */
export function resumeExtras(ae: Autoencoder, extras: TrainStateExtras): { restoreOptimizer?: (optimizer: tf.Optimizer) => Promise<void> } {
  if (ae.noise && extras.random !== undefined) ae.noise.state = extras.random;
  const saved = extras.optimizer;
  return saved ? { restoreOptimizer: (optimizer) => restoreOptimizerState(optimizer, ae.trainableVariables, saved) } : {};
}
