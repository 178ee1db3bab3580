/**
 * One optimisation step on a batch, on this thread or on several: the training loop calls a `BatchStepper` and
 * does not know which. `localStepper` is the single thread; data-parallel workers (src/workers/parallel/) give
 * the same steps up to float32 rounding, each thread computing the gradient of its share of the batch.
 */
import * as tf from '@tensorflow/tfjs';
import { fillBatch, pixelsOf } from '../pure/data/batches.js';
import type { ImageSet } from '../pure/data/types.js';
import { lossAndGradients, namedGradients } from '../model/loss-gradients.js';
import type { Autoencoder } from '../model/types.js';

export interface BatchStepper {
  /** Threads computing each step. */
  readonly threads: number;
  /** Before the first step, once the model's weights, the optimizer's state and the noise position are set. */
  start(): Promise<void>;
  /** One Adam step at step size `learningRate` on the images `indices` of the training set; the batch's mean loss. */
  step(indices: Uint32Array, learningRate: number): Promise<number>;
  /**
   * The optimizer whose state a checkpoint keeps, as of the last step (the loop's own one, or one made for the
   * checkpoint when the state lives elsewhere); `release` once it has been read.
   */
  checkpointOptimizer(): Promise<{ optimizer: tf.Optimizer; release(): void }>;
  /** Stops helper threads, if any (idempotent). */
  close(): Promise<void>;
}

/** What a stepper is made for: the model, the optimizer that steps it, the training images and the largest batch. */
export interface StepperContext {
  ae: Autoencoder;
  optimizer: tf.Optimizer;
  set: ImageSet;
  batchSize: number;
}

/** Makes the loop's stepper (e.g. `parallelStepper` of src/workers/parallel/); `localStepper` when none is given. */
export type StepperFactory = (ctx: StepperContext) => Promise<BatchStepper>;

/** Sets Adam's step size for the next step (TF.js reads it on every `applyGradients`; the field is not public). */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}

/** Every step on this thread. */
export function localStepper({ ae, optimizer, set, batchSize }: StepperContext): BatchStepper {
  const pixels = pixelsOf(set);
  const buffer = new Float32Array(batchSize * pixels);
  return {
    threads: 1,
    start: async () => {},
    step: async (indices, learningRate) => {
      setLearningRate(optimizer, learningRate);
      const x = tf.tensor2d(fillBatch(set, indices, buffer), [indices.length, pixels]);
      try {
        const { value, grads } = lossAndGradients(ae, x);
        try {
          optimizer.applyGradients(namedGradients(ae, grads));
          return value.dataSync()[0]!;
        } finally {
          tf.dispose([value, ...grads.filter((g) => g !== null)]);
        }
      } finally {
        x.dispose();
      }
    },
    checkpointOptimizer: async () => ({ optimizer, release: () => {} }),
    close: async () => {},
  };
}
