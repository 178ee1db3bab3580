/** Training throughput: Adam steps on real MNIST batches, as the train loop runs them, on one thread or several. */
import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../pure/data/types.js';
import { buildAutoencoder } from '../model/build.js';
import { defaultConfig } from '../pure/model/presets.js';
import type { Arch } from '../pure/model/types.js';
import { localStepper } from '../train/stepper.js';
import { parallelStepper } from '../workers/parallel/stepper.js';
import { resolveWorkerPath } from '../workers/train/client.js';
import { median } from './stats.js';

export interface TrainingBenchOptions {
  arch: Arch;
  /** Images per step (default 256). */
  batchSize?: number;
  /** Timed steps per repeat. */
  steps: number;
  /** Timed repeats; the result is their median. */
  repeats: number;
  /** Untimed steps first (kernel setup, XNNPACK operator creation, allocator warm-up). */
  warmup?: number;
  /** Threads computing each step (data-parallel, src/workers/parallel/); default 1. */
  threads?: number;
}

/**
 * Median training samples per second of the default `arch` model (e.g. dense 784-512-128-2, Adam 1e-3, BCE) on the
 * current backend, through the training loop's stepper. Each step reads its loss back, as the loop does.
 */
export async function trainingSamplesPerSecond(data: ImageSet, opts: TrainingBenchOptions): Promise<number> {
  const batchSize = opts.batchSize ?? 256;
  const ae = buildAutoencoder(defaultConfig(opts.arch), 1);
  const optimizer = tf.train.adam(1e-3);
  const ctx = { ae, optimizer, set: data, batchSize };
  const threads = opts.threads ?? 1;
  const stepper = threads > 1 ? await parallelStepper({ threads, workerPath: resolveWorkerPath() })(ctx) : localStepper(ctx);
  const indices = new Uint32Array(batchSize);
  let next = 0;
  const step = () => {
    for (let i = 0; i < batchSize; i++) indices[i] = (next + i) % data.count;
    next = (next + batchSize) % data.count;
    return stepper.step(indices, 1e-3);
  };
  try {
    await stepper.start();
    for (let i = 0; i < (opts.warmup ?? 2); i++) await step();
    const rates: number[] = [];
    for (let r = 0; r < opts.repeats; r++) {
      const t0 = performance.now();
      for (let i = 0; i < opts.steps; i++) await step();
      rates.push((opts.steps * batchSize * 1000) / (performance.now() - t0));
    }
    return median(rates);
  } finally {
    await stepper.close();
    optimizer.dispose();
    ae.dispose();
  }
}
