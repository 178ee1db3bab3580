/**
 * The model's half of a data-parallel step, shared by the leader and its peers: the gradient of one share of the
 * batch written into its rank's slot, and the flat parameters moved between the model and shared memory.
 */
import * as tf from '@tensorflow/tfjs';
import { fillBatch, pixelsOf } from '../../pure/data/batches.js';
import type { ImageSet } from '../../pure/data/types.js';
import type { Autoencoder } from '../../model/types.js';
import { lossAndGradients } from '../../model/loss-gradients.js';
import { readInto } from '../../model/read-into.js';
import { CONTROL } from './protocol.js';
import { shareOf } from './shares.js';

/** Values in each of `ae`'s trainable variables, and their offsets in a packed gradient. */
export function parameterLayout(ae: Autoencoder): { sizes: number[]; offsets: number[]; total: number } {
  const sizes = ae.trainableVariables.map((v) => v.size);
  const offsets: number[] = [];
  let total = 0;
  for (const size of sizes) {
    offsets.push(total);
    total += size;
  }
  return { sizes, offsets, total };
}

/** What one thread needs to compute its share's gradient. */
export interface ShareContext {
  ae: Autoencoder;
  set: ImageSet;
  rank: number;
  threads: number;
  control: Int32Array;
  indices: Int32Array;
  /** This rank's slot of the gradients buffer. */
  slot: Float32Array;
  offsets: readonly number[];
  /** Batch buffer, large enough for the biggest share. */
  buffer: Float32Array;
}

/**
 * Computes the gradient of this rank's share of the current step's batch into `slot` and returns the share's mean
 * loss (0 for an empty share, whose slot is then not read). The noise generator draws exactly the share's rows
 * of the batch's noise, from the leader's position.
 */
export function shareGradient(c: ShareContext): number {
  const n = Atomics.load(c.control, CONTROL.count);
  const { start, end } = shareOf(c.rank, c.threads, n);
  if (end <= start) return 0;
  const pixels = pixelsOf(c.set);
  const rows = c.indices.subarray(start, end);
  const noise = c.ae.noise;
  if (noise) {
    noise.state = Atomics.load(c.control, CONTROL.noise) >>> 0;
    noise.shard = { offset: start, total: n };
  }
  const x = tf.tensor2d(fillBatch(c.set, rows, c.buffer), [end - start, pixels]);
  try {
    const { value, grads } = lossAndGradients(c.ae, x);
    try {
      c.ae.trainableVariables.forEach((v, i) => {
        const g = grads[i];
        if (g) readInto(g, c.slot, c.offsets[i]);
        else c.slot.fill(0, c.offsets[i], c.offsets[i]! + v.size);
      });
      return value.dataSync()[0]!;
    } finally {
      tf.dispose([value, ...grads.filter((g) => g !== null)]);
    }
  } finally {
    x.dispose();
    if (noise) noise.shard = null;
  }
}

/** Copies `ae`'s trainable variables into the flat `out` (at `offsets`). */
export function flattenWeights(ae: Autoencoder, out: Float32Array, offsets: readonly number[]): void {
  ae.trainableVariables.forEach((v, i) => readInto(v, out, offsets[i]));
}

/** Sets `ae`'s trainable variables from the flat `weights` (at `offsets`). */
export function loadWeights(ae: Autoencoder, weights: Float32Array, offsets: readonly number[]): void {
  // The wasm backend copies a new tensor's values into its heap at once; the cpu backend keeps the array, which
  // the next step overwrites, so it gets a copy.
  const copy = tf.getBackend() !== 'wasm';
  tf.tidy(() => {
    ae.trainableVariables.forEach((v, i) => {
      const view = weights.subarray(offsets[i], offsets[i]! + v.size);
      v.assign(tf.tensor(copy ? view.slice() : view, v.shape, 'float32'));
    });
  });
}

/** The batch's mean loss from the shares' mean losses (`losses[rank]`), each weighted by its rows of the `n`-row batch. */
export function batchLoss(losses: ArrayLike<number>, threads: number, n: number): number {
  let loss = 0;
  for (let rank = 0; rank < threads; rank++) {
    const { start, end } = shareOf(rank, threads, n);
    if (end > start) loss += ((end - start) / n) * losses[rank]!;
  }
  return loss;
}
