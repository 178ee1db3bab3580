/**
 * Data-parallel training (issue 16): two threads that split each batch and average their gradients take the
 * step one thread takes, up to float32 rounding; a paused, a checkpointed and an uninterrupted two-thread run end
 * on the same weights; a helper thread that cannot start or dies ends the training with a clear error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/data/mnist.js';
import { buildAutoencoder } from '../../src/model/build.js';
import type { Autoencoder } from '../../src/model/types.js';
import { sliceSet } from '../../src/pure/data/batches.js';
import type { ImageSet } from '../../src/pure/data/types.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import type { Arch } from '../../src/pure/model/types.js';
import { restoreTrainState, saveRun } from '../../src/runs/index.js';
import { STATE_DIR } from '../../src/runs/state.js';
import { checkpointExtras, resumeExtras } from '../../src/train/checkpoint-state.js';
import { TrainController } from '../../src/train/controller.js';
import { train, type TrainOptions } from '../../src/train/loop.js';
import { parallelStepper } from '../../src/workers/parallel/stepper.js';
import { resolveWorkerPath } from '../../src/workers/train/client.js';
import { checkpointRecord } from '../helpers/checkpoint-record.js';

let data: { train: ImageSet; test: ImageSet };
const root = mkdtempSync(join(tmpdir(), 'lex-parallel-'));
beforeAll(async () => {
  const mnist = await loadMnist();
  data = { train: mnist.train, test: sliceSet(mnist.test, 100) };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const two = parallelStepper({ threads: 2, workerPath: resolveWorkerPath() });
const config = (arch: Arch) =>
  defaultTrainConfig(arch, { hidden: [32], filters: [4, 8], latent: 2, epochs: 3, batchSize: 50, limit: 200, seed: 9 });
const opts = (over: Partial<TrainOptions> = {}): TrainOptions => ({
  learningRate: 3e-3,
  schedule: 'one-cycle',
  batchSize: 50,
  epochs: 3,
  seed: 9,
  limit: 200,
  ...over,
});
const weights = (ae: Autoencoder) => ae.trainableVariables.map((v) => Float32Array.from(v.dataSync() as Float32Array));

async function trained(arch: Arch, over: Partial<TrainOptions>): Promise<{ weights: Float32Array[]; losses: number[] }> {
  const ae = buildAutoencoder(config(arch), 9);
  try {
    const result = await train(ae, data, opts(over));
    expect(result.outcome).toBe('complete');
    return { weights: weights(ae), losses: result.history.map((h) => h.loss) };
  } finally {
    ae.dispose();
  }
}

/** Largest |a - b| relative to the variable's scale (its largest |a|), over all variables. */
function worstDifference(a: Float32Array[], b: Float32Array[]): number {
  expect(b.length).toBe(a.length);
  let worst = 0;
  a.forEach((x, i) => {
    const y = b[i]!;
    expect(y.length).toBe(x.length);
    let scale = 1e-3;
    let diff = 0;
    for (let j = 0; j < x.length; j++) {
      scale = Math.max(scale, Math.abs(x[j]!));
      diff = Math.max(diff, Math.abs(x[j]! - y[j]!));
    }
    worst = Math.max(worst, diff / scale);
  });
  return worst;
}

describe('data-parallel training on two threads', () => {
  for (const arch of ['dense', 'conv', 'denoising', 'vae'] as const) {
    it(`${arch}: one two-thread step equals one single-thread step on the same batch (float32 rounding)`, async () => {
      const one = await trained(arch, { epochs: 1, limit: 50 });
      const both = await trained(arch, { epochs: 1, limit: 50, stepper: two });
      // The noise (denoising masks, VAE samples) is the same draw split by rows, so only float32 sums differ
      // (the loss's mean over 50x784 values is summed in another order: relative 1e-4 for conv).
      expect(worstDifference(one.weights, both.weights)).toBeLessThan(1e-5);
      expect(Math.abs(both.losses[0]! - one.losses[0]!) / one.losses[0]!).toBeLessThan(2e-4);
    });
  }

  it("dense: twelve steps on two threads follow the single thread's loss curve", async () => {
    const one = await trained('dense', {});
    const both = await trained('dense', { stepper: two });
    for (let e = 0; e < one.losses.length; e++) expect(Math.abs(both.losses[e]! - one.losses[e]!) / one.losses[e]!).toBeLessThan(1e-4);
    expect(worstDifference(one.weights, both.weights)).toBeLessThan(1e-3);
  });

  it('a paused and resumed two-thread training ends where an uninterrupted one does', async () => {
    const whole = await trained('vae', { stepper: two });
    const controller = new TrainController();
    let paused = 0;
    const ae = buildAutoencoder(config('vae'), 9);
    const result = await train(
      ae,
      data,
      { ...opts({ stepper: two }), controller, progressEvery: 1 },
      {
        onBatch: (p) => {
          // Pause in the middle of epoch 2 for a while, as the app's Pause button does, then resume.
          if (p.epoch === 2 && p.batch === 2 && controller.pause()) {
            paused += 1;
            setTimeout(() => controller.resume(), 150);
          }
        },
      },
    );
    expect(result.outcome).toBe('complete');
    expect(paused).toBe(1);
    const got = weights(ae);
    ae.dispose();
    expect(worstDifference(whole.weights, got)).toBe(0);
  });

  it("a two-thread run resumed from its checkpoint ends with the uninterrupted run's weights, bit for bit", async () => {
    const whole = await trained('denoising', { stepper: two });
    const dir = join(root, 'denoising');
    const first = buildAutoencoder(config('denoising'), 9);
    await train(first, data, opts({ stepper: two, epochs: 3 }), {
      onCheckpoint: async (epoch, _h, _ms, optimizer) => {
        if (epoch === 1)
          await saveRun(dir, first, checkpointRecord('denoising', config('denoising'), 1), {
            state: true,
            extras: await checkpointExtras(first, optimizer),
          });
      },
    });
    first.dispose();
    const resumed = buildAutoencoder(config('denoising'), 9);
    const extras = await restoreTrainState(resumed, join(dir, STATE_DIR));
    await train(resumed, data, { ...opts({ stepper: two }), startEpoch: 2, ...resumeExtras(resumed, extras) });
    const got = weights(resumed);
    resumed.dispose();
    expect(worstDifference(whole.weights, got)).toBe(0);
  });

  it('a helper thread that cannot start ends the training with an error that says so, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const ae = buildAutoencoder(config('dense'), 9);
    const broken = parallelStepper({ threads: 2, workerPath: join(root, 'no-such-worker.mjs') });
    await expect(train(ae, data, opts({ stepper: broken }))).rejects.toThrow(/training thread 1/);
    ae.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
