/**
 * The gradient probe: a data-parallel dense step with nothing but the shares' gradients. Every thread starts a
 * step together (a barrier), computes its share's gradient with weights it has just changed (as in training,
 * where every step loads new ones), and the step ends when the last thread is done (a second barrier). No
 * gradient is exchanged, no Adam step taken, no weight loaded within the timed part: what a split of the step
 * cannot do without. With one thread it times the whole one-thread step instead (localStepper: the gradient and
 * TF.js's Adam), the figure a split is compared with.
 */
import * as tf from '@tensorflow/tfjs';
import { buildAutoencoder } from '../../model/build.js';
import { lossAndGradients } from '../../model/loss-gradients.js';
import { fillRange } from '../../pure/data/batches.js';
import type { ImageSet } from '../../pure/data/types.js';
import { defaultConfig } from '../../pure/model/presets.js';
import { localStepper } from '../../train/stepper.js';
import { shareOf } from '../parallel/shares.js';
import type { GradientProbe } from './protocol.js';

const SIDE = 28;

/** Waits until all `threads` have arrived at the barrier for the `round`-th time (rounds from 1). */
function barrier(arrivals: Int32Array, threads: number, round: number): void {
  Atomics.add(arrivals, 1, 1);
  Atomics.notify(arrivals, 1);
  for (;;) {
    const now = Atomics.load(arrivals, 1);
    if (now >= round * threads) return;
    Atomics.wait(arrivals, 1, now);
  }
}

/** Builds the model and the batch; the returned function runs the probe's steps and gives their mean time in ms. */
export function prepareGradient(probe: GradientProbe, control: Int32Array): () => Promise<number> {
  const set: ImageSet = { images: new Uint8Array(probe.images), labels: new Uint8Array(0), count: probe.batch, rows: SIDE, cols: SIDE };
  const ae = buildAutoencoder(defaultConfig('dense'), 1);
  if (probe.threads === 1) {
    const optimizer = tf.train.adam(1e-3);
    const stepper = localStepper({ ae, optimizer, set, batchSize: probe.batch });
    const indices = Uint32Array.from({ length: probe.batch }, (_, i) => i);
    return async () => {
      const times: number[] = [];
      for (let i = 0; i < probe.warmup + probe.steps; i++) {
        const t0 = performance.now();
        await stepper.step(indices, 1e-3);
        if (i >= probe.warmup) times.push(performance.now() - t0);
      }
      optimizer.dispose();
      ae.dispose();
      return mean(times);
    };
  }
  const { start, end } = shareOf(probe.rank, probe.threads, probe.batch);
  const x = tf.tensor2d(fillRange(set, start, end - start, new Float32Array((end - start) * SIDE * SIDE)), [end - start, SIDE * SIDE]);
  const vars = ae.trainableVariables;
  return async () => {
    const times: number[] = [];
    let round = 0;
    for (let i = 0; i < probe.warmup + probe.steps; i++) {
      tf.tidy(() => vars.forEach((v) => v.assign(tf.mul(v, 1 - 1e-6))));
      barrier(control, probe.threads, ++round);
      const t0 = performance.now();
      const { value, grads } = lossAndGradients(ae, x);
      value.dataSync();
      tf.dispose([value, ...grads.filter((g) => g !== null)]);
      barrier(control, probe.threads, ++round);
      if (i >= probe.warmup) times.push(performance.now() - t0);
    }
    x.dispose();
    ae.dispose();
    return mean(times);
  };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
