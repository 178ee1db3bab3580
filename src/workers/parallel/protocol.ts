/**
 * Data-parallel training: how the leading thread (the one running the training loop) and its peer threads share
 * one step. Each step's batch is split in contiguous shares; every thread computes the gradient of its share,
 * the leader averages them (weighted by share, in rank order) into shared memory, and every thread applies that
 * same mean gradient with its own Adam. The threads run the same kernels on the same numbers, so their weights
 * stay bit-for-bit equal without ever being copied after the start.
 */
import type { BackendName } from '../../pure/api/api.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { OptimizerState } from '../../runs/optimizer-state.js';

/** Slots of the control block (an Int32Array over a SharedArrayBuffer). */
export const CONTROL = {
  /** Bumped by the leader to start a step (peers wait on it). */
  step: 0,
  /** Peers that have written this step's gradient (the leader waits on it). */
  done: 1,
  /** Bumped by the leader once the mean gradient is written (peers wait on it). */
  mean: 2,
  /** 1: peers leave their loop. */
  stop: 3,
  /** Images in this step's batch. */
  count: 4,
  /** The leader's noise position before this step (uint32 bits), so every share draws the batch's noise. */
  noise: 5,
  size: 8,
} as const;

/** Shared memory of one data-parallel training. Float64 scalars: [learning rate, loss of rank 0, 1, ...]. */
export interface Exchange {
  control: SharedArrayBuffer;
  scalars: SharedArrayBuffer;
  /** This step's image indices (Int32). */
  indices: SharedArrayBuffer;
  /** One gradient per rank, `threads * parameters` float32, in `trainableVariables` order. */
  gradients: SharedArrayBuffer;
  /** The mean gradient, `parameters` float32. */
  mean: SharedArrayBuffer;
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

/** The leader's state, sent once before the first step: after it the peer's model equals the leader's. */
export interface PeerSync {
  type: 'sync';
  /** `trainableVariables` values in order. */
  weights: Float32Array[];
  optimizer: OptimizerState | null;
}

export type FromPeer = { type: 'ready' } | { type: 'synced' } | { type: 'fatal'; message: string };

/** Rows `[start, end)` of an `n`-image batch for `rank` of `threads`: contiguous, rank 0 never empty. */
export function shareOf(rank: number, threads: number, n: number): { start: number; end: number } {
  return { start: Math.ceil((rank * n) / threads), end: Math.ceil(((rank + 1) * n) / threads) };
}
