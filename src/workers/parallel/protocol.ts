/**
 * Data-parallel training: how the leading thread (the one running the training loop) and its peer threads share
 * one step. Each step's batch is split in contiguous shares and every thread computes the gradient of its share;
 * then the threads claim fixed chunks of the parameters one at a time, averaging the gradients and taking the
 * Adam step on each chunk (adam.ts, a wasm loop on a shared wasm memory), so the thread that finished its
 * gradient first takes more of the update; then every thread loads the new weights. Two barriers a step, counted up (never reset), so a
 * slow thread cannot miss one.
 */
import type { BackendName } from '../../pure/api/api.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { AdamStep } from './adam.js';

/** Slots of the control block (an Int32Array over a SharedArrayBuffer). */
export const CONTROL = {
  /** Bumped by the leader to start a step (peers wait on it); step k is the k-th bump. */
  step: 0,
  /** Gradients written, over all steps: step k's are all in at `k * threads`. */
  done: 1,
  /** Slices updated, over all steps: step k's weights are all new at `k * threads`. */
  applied: 2,
  /** 1: peers leave their loop. */
  stop: 3,
  /** Images in this step's batch. */
  count: 4,
  /** The leader's noise position before this step (uint32 bits), so every share draws the batch's noise. */
  noise: 5,
  /** Adam chunks claimed in this step (the leader sets 0 before starting it; every claim adds 1). */
  chunk: 6,
  size: 8,
} as const;

/** Float64 scalars of a step: the Adam step's numbers, then each rank's loss. */
export const SCALARS = { rate: 0, oneMinusAccBeta1: 1, oneMinusAccBeta2: 2, epsilon: 3, loss: 4 } as const;

/** Shared memory of one data-parallel training. */
export interface Exchange {
  control: SharedArrayBuffer;
  /** Float64: `SCALARS`, then one loss per rank. */
  scalars: SharedArrayBuffer;
  /** This step's image indices (Int32). */
  indices: SharedArrayBuffer;
  /**
   * Every rank's gradient, the parameters and Adam's moments, in `trainableVariables` order, laid out by
   * `adamLayout(parameters, threads)` on one shared wasm memory, which the Adam loop (adam.wat) works on.
   */
  memory: WebAssembly.Memory;
}

/** `workerData` of a peer thread (the training worker's entry runs a peer when `role` is `peer`). */
export interface PeerInit {
  role: 'peer';
  backend: BackendName;
  config: ModelConfig;
  rank: number;
  threads: number;
  exchange: Exchange;
  /** The training images (on a SharedArrayBuffer), `count` of `rows * cols` bytes. */
  images: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/** Sent once the leader has put the starting weights in the exchange: the peer loads them and starts its loop. */
export interface PeerSync {
  type: 'sync';
}

export type FromPeer = { type: 'ready' } | { type: 'synced' } | { type: 'fatal'; message: string };

/** The Adam step's numbers the leader wrote for this step. */
export function adamStepOf(scalars: Float64Array): AdamStep {
  return {
    learningRate: scalars[SCALARS.rate]!,
    oneMinusAccBeta1: scalars[SCALARS.oneMinusAccBeta1]!,
    oneMinusAccBeta2: scalars[SCALARS.oneMinusAccBeta2]!,
    epsilon: scalars[SCALARS.epsilon]!,
  };
}
