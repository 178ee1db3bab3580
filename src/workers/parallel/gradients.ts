/**
 * The gradient half of a data-parallel step, shared by the leader and its peers: the gradient of one share of
 * the batch written into its rank's slot, and the mean gradient applied with the thread's own optimizer.
 */
import * as tf from '@tensorflow/tfjs';
import { fillBatch, pixelsOf } from '../../pure/data/batches.js';
import type { ImageSet } from '../../pure/data/types.js';
import type { Autoencoder } from '../../model/types.js';
import { setLearningRate } from '../../train/stepper.js';
import { CONTROL, shareOf } from './protocol.js';

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
    const vars = c.ae.trainableVariables;
    const { value, grads } = tf.variableGrads(() => c.ae.loss(x, true), vars);
    try {
      vars.forEach((v, i) => {
        const g = grads[v.name];
        if (g) c.slot.set(g.dataSync() as Float32Array, c.offsets[i]);
        else c.slot.fill(0, c.offsets[i], c.offsets[i]! + v.size);
      });
      return value.dataSync()[0]!;
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
    }
  } finally {
    x.dispose();
    if (noise) noise.shard = null;
  }
}

/**
 * Applies `mean` (the packed mean gradient) with `optimizer` at `learningRate`, in `trainableVariables` order,
 * the order a single thread's `minimize` uses (so Adam's moments line up with a checkpoint's).
 */
export function applyMean(
  ae: Autoencoder,
  optimizer: tf.Optimizer,
  mean: Float32Array,
  offsets: readonly number[],
  learningRate: number,
): void {
  setLearningRate(optimizer, learningRate);
  // The wasm backend copies a tensor's values into its heap at once; the cpu backend keeps the array, which the
  // next step overwrites, so it gets a copy.
  const copy = tf.getBackend() !== 'wasm';
  const named = ae.trainableVariables.map((v, i) => {
    const view = mean.subarray(offsets[i], offsets[i]! + v.size);
    return { name: v.name, tensor: tf.tensor(copy ? view.slice() : view, v.shape, 'float32') };
  });
  try {
    optimizer.applyGradients(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
}

/**
 * The batch's mean gradient into `mean` from the shares' gradients (`gradients`: one packed slot of `total` values
 * per rank) and their mean losses (`losses[rank]`), each share weighted by its rows of the `n`-row batch and summed
 * in rank order (so every run adds in the same order); returns the batch's mean loss.
 */
export function averageShares(gradients: Float32Array, losses: ArrayLike<number>, threads: number, n: number, mean: Float32Array): number {
  const total = mean.length;
  let loss = 0;
  let first = true;
  for (let rank = 0; rank < threads; rank++) {
    const { start, end } = shareOf(rank, threads, n);
    if (end <= start) continue;
    const w = (end - start) / n;
    loss += w * losses[rank]!;
    const g = gradients.subarray(rank * total, (rank + 1) * total);
    if (first) for (let i = 0; i < total; i++) mean[i] = w * g[i]!;
    else for (let i = 0; i < total; i++) mean[i] = mean[i]! + w * g[i]!;
    first = false;
  }
  return loss;
}
