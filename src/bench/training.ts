/** Training throughput: Adam steps on real MNIST batches, as the train loop runs them. */
import * as tf from '@tensorflow/tfjs';
import { fillRange } from '../pure/data/batches.js';
import type { ImageSet } from '../pure/data/types.js';
import { buildAutoencoder } from '../model/build.js';
import { defaultConfig } from '../pure/model/presets.js';
import type { Arch } from '../pure/model/types.js';
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
}

/**
 * Median training samples per second of the default `arch` model (e.g. dense 784-512-128-2, Adam 1e-3, BCE) on the
 * current backend. Each step reads its loss back, as the train loop does, so queued work is counted.
 */
export function trainingSamplesPerSecond(data: ImageSet, opts: TrainingBenchOptions): number {
  const batchSize = opts.batchSize ?? 256;
  const ae = buildAutoencoder(defaultConfig(opts.arch), 1);
  const optimizer = tf.train.adam(1e-3);
  const buffer = new Float32Array(batchSize * 784);
  let next = 0;
  const step = () => {
    if (next + batchSize > data.count) next = 0;
    const x = tf.tensor2d(fillRange(data, next, batchSize, buffer), [batchSize, 784]);
    next += batchSize;
    const cost = optimizer.minimize(() => ae.loss(x, true), true, ae.trainableVariables)!;
    cost.dataSync();
    tf.dispose([x, cost]);
  };
  try {
    for (let i = 0; i < (opts.warmup ?? 2); i++) step();
    const rates: number[] = [];
    for (let r = 0; r < opts.repeats; r++) {
      const t0 = performance.now();
      for (let i = 0; i < opts.steps; i++) step();
      rates.push((opts.steps * batchSize * 1000) / (performance.now() - t0));
    }
    return median(rates);
  } finally {
    optimizer.dispose();
    ae.dispose();
  }
}
