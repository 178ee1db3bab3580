/** What the scaling probe threads (worker.ts) are given and answer. */
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

/** The dense step's matrix products in a loop for `seconds` (matmulScaling). */
export interface ProductsProbe {
  kind: 'products';
  seconds: number;
}

/**
 * Training steps of the default dense model on the first `batch` images (splitCeiling): with `threads` 1, whole
 * steps as the one-thread training runs them (gradient and TF.js's Adam); with more, this `rank`'s share's
 * gradient alone, every thread starting each step together and the step ending when the last one is done.
 */
export interface GradientProbe {
  kind: 'gradient';
  rank: number;
  threads: number;
  batch: number;
  /** `batch` MNIST images, 28x28 bytes each. */
  images: SharedArrayBuffer;
  warmup: number;
  steps: number;
}

export interface ProbeInit {
  backend: BackendName;
  /**
   * Int32 slot 0: set to 1 to start every probe thread at once. Slot 1: arrivals at the gradient probe's
   * barrier (every thread adds 1 twice a step).
   */
  control: SharedArrayBuffer;
  probe: ProductsProbe | GradientProbe;
}

export type FromProbe =
  | { type: 'ready' }
  | { type: 'rate'; roundsPerSecond: number }
  /** The gradient probe's mean time a step, from start to the last thread's end, in ms. */
  | { type: 'step'; meanMs: number }
  | { type: 'fatal'; message: string };
