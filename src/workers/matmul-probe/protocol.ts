/** What the matrix-product probe threads (worker.ts) are given and answer. */
import type { BackendName } from '../../pure/api/api.js';

/**
 * `[m, k, n]` of the products in one thread's share of a two-thread dense step (default model, batch 256: 128
 * rows a thread), forward and backward, each as the untransposed product our wasm kernels turn it into.
 */
export const DENSE_STEP_PRODUCTS: readonly [number, number, number][] = [
  [128, 784, 512],
  [128, 512, 128],
  [128, 128, 2],
  [128, 2, 128],
  [128, 128, 512],
  [128, 512, 784],
  [512, 128, 784],
  [512, 784, 128],
  [128, 512, 128],
  [128, 128, 512],
  [512, 128, 128],
  [512, 128, 128],
  [784, 128, 512],
];

export interface ProbeInit {
  backend: BackendName;
  /** Int32 slot 0: set to 1 to start every probe thread at once. */
  control: SharedArrayBuffer;
  seconds: number;
}

export type FromProbe = { type: 'ready' } | { type: 'rate'; roundsPerSecond: number } | { type: 'fatal'; message: string };
