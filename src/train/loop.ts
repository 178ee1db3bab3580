/**
 * The training loop: seeded shuffled mini-batches, Adam, progress events, pause/resume/cancel, a NaN/Inf
 * guard, test loss and a checkpoint hook after every epoch. It yields to the event loop after every batch, so
 * control messages (pause, cancel) and timers (the app's weight snapshots) run between steps; the app trains in
 * a worker thread (src/workers/train/), so its decode requests do not wait for a step at all.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainProgress } from '../pure/api/api.js';
import { epochOrder, meanImage, sliceSet } from '../pure/data/batches.js';
import { learningRateAt, type Schedule } from '../pure/model/schedule.js';
import type { ImageSet } from '../pure/data/types.js';
import { initOutputBias } from '../model/output-bias.js';
import type { Autoencoder } from '../model/types.js';
import type { TrainController } from './controller.js';
import { evaluateLoss } from './evaluate.js';
import { localStepper, type BatchStepper, type StepperFactory } from './stepper.js';

export interface TrainOptions {
  /** Adam step size (the schedule's peak). */
  learningRate: number;
  /** How the step size moves over the run; constant by default. */
  schedule?: Schedule;
  /** Images per step. */
  batchSize: number;
  epochs: number;
  /** Seeds the batch order (the model's own seed is fixed when it is built). */
  seed: number;
  /** Train on the first `limit` training images only. */
  limit?: number;
  /** A `batch` progress event every this many batches (and at each epoch's last batch). Default 20. */
  progressEvery?: number;
  /** Test loss over the first `testLimit` test images only (all by default). */
  testLimit?: number;
  /** Pause/resume/cancel from outside. */
  controller?: TrainController;
  /** Copied into progress events. */
  runId?: string;
  /** First epoch to run, 1-based (resuming from a checkpoint of epoch `startEpoch - 1`). Default 1. */
  startEpoch?: number;
  /** Start the decoder's output bias at the training images' mean (see `initOutputBias`). Default: on a fresh start. */
  initOutputBias?: boolean;
  /** Puts a checkpoint's optimizer state into the loop's fresh optimizer before the first step (see checkpoint-state.ts). */
  restoreOptimizer?(optimizer: tf.Optimizer): Promise<void>;
  /** Who computes the steps (data-parallel workers); this thread alone by default. Closed when the loop ends. */
  stepper?: StepperFactory;
}

export interface TrainHooks {
  onBatch?(progress: TrainProgress): void;
  onEpoch?(progress: TrainProgress): void;
  /**
   * Awaited after each epoch's `onEpoch`, e.g. to save a checkpoint; `history` holds every epoch of this call so
   * far, `trainingMs` the training time so far (pauses excluded), `optimizer` the optimizer whose state a
   * checkpoint keeps (read it before resolving: the next step changes it).
   */
  onCheckpoint?(epoch: number, history: readonly EpochStats[], trainingMs: number, optimizer: tf.Optimizer): Promise<void>;
}

/** Losses of one finished epoch (per-pixel means, as `Autoencoder.loss`). */
export interface EpochStats {
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  testLoss: number;
}

export interface TrainResult {
  outcome: 'complete' | 'cancelled' | 'diverged';
  /** Why it stopped early, for people. */
  message?: string;
  history: EpochStats[];
  /** Training time in milliseconds, pauses excluded. */
  durationMs: number;
  /** Mean training throughput, images per second. */
  samplesPerSec: number;
}

/**
 * A loss this many times the first batch's counts as diverged too: Adam with a far too large step can blow the
 * weights up by orders of magnitude while a sigmoid-output loss stays finite for a long time.
 */
export const EXPLOSION_FACTOR = 1000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Trains `ae` in place. Resolves when the epochs are done, the controller cancels, or the loss stops being a
 * finite number (`diverged`: the weights are then unusable and should not be saved).
 */
export async function train(
  ae: Autoencoder,
  data: { train: ImageSet; test: ImageSet },
  opts: TrainOptions,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const set = opts.limit ? sliceSet(data.train, opts.limit) : data.train;
  const { batchSize, epochs, controller } = opts;
  const batches = Math.ceil(set.count / batchSize);
  const progressEvery = Math.max(1, opts.progressEvery ?? 20);
  const optimizer = tf.train.adam(opts.learningRate);
  const schedule = opts.schedule ?? 'constant';
  let stepper: BatchStepper | null = null;
  const history: EpochStats[] = [];
  let activeMs = 0;
  let samples = 0;
  let firstLoss: number | undefined;
  const base = { runId: opts.runId ?? '', epochs, batches };
  const release = async () => {
    await stepper?.close();
    optimizer.dispose();
    controller?.finish();
  };
  const finish = async (outcome: TrainResult['outcome'], message?: string): Promise<TrainResult> => {
    await release();
    return { outcome, message, history, durationMs: activeMs, samplesPerSec: samples / Math.max(activeMs / 1000, 1e-9) };
  };
  controller?.begin();
  try {
    return await run();
  } catch (err) {
    // A failing hook (e.g. a checkpoint on a full disk) or helper thread ends the training; nothing may leak.
    await release().catch(() => {});
    throw err;
  }

  async function run(): Promise<TrainResult> {
    const startEpoch = opts.startEpoch ?? 1;
    if (opts.initOutputBias ?? startEpoch === 1) initOutputBias(ae, meanImage(set));
    await opts.restoreOptimizer?.(optimizer);
    const context = { ae, optimizer, set, batchSize };
    stepper = opts.stepper ? await opts.stepper(context) : localStepper(context);
    await stepper.start();

    for (let epoch = startEpoch; epoch <= epochs; epoch++) {
      const order = epochOrder(set.count, opts.seed, epoch);
      let epochLoss = 0;
      let windowLoss = 0;
      let windowBatches = 0;
      for (let batch = 0; batch < batches; batch++) {
        await controller?.waitWhilePaused();
        if (controller?.cancelled) return finish('cancelled', `Cancelled at epoch ${epoch}, batch ${batch + 1}.`);
        const started = performance.now();
        const indices = order.subarray(batch * batchSize, Math.min((batch + 1) * batchSize, set.count));
        const rate = learningRateAt(schedule, opts.learningRate, (epoch - 1) * batches + batch, epochs * batches);
        const value = await stepper.step(indices, rate);
        activeMs += performance.now() - started;
        samples += indices.length;
        firstLoss ??= value;
        if (!Number.isFinite(value) || value > EXPLOSION_FACTOR * firstLoss) {
          const what = Number.isFinite(value) ? `grew from ${firstLoss.toPrecision(3)} to ${value.toPrecision(3)}` : `became ${value}`;
          return finish(
            'diverged',
            `Training diverged at epoch ${epoch}, batch ${batch + 1}: the loss ${what}. ` +
              `Try a lower learning rate (now ${opts.learningRate}; e.g. ${Number((opts.learningRate / 10).toPrecision(3))}).`,
          );
        }
        epochLoss += value;
        windowLoss += value;
        windowBatches += 1;
        if (hooks.onBatch && ((batch + 1) % progressEvery === 0 || batch + 1 === batches)) {
          ae.sync();
          hooks.onBatch({ ...base, kind: 'batch', epoch, batch: batch + 1, loss: windowLoss / windowBatches, ...rates(epoch, batch + 1) });
          windowLoss = 0;
          windowBatches = 0;
        }
        await yieldToEventLoop();
      }
      const testLoss = evaluateLoss(ae, data.test, opts.testLimit);
      const stats: EpochStats = { epoch, loss: epochLoss / batches, testLoss };
      history.push(stats);
      ae.sync();
      hooks.onEpoch?.({ ...base, kind: 'epoch', epoch, batch: batches, loss: stats.loss, testLoss, ...rates(epoch, batches) });
      if (hooks.onCheckpoint) {
        const held = await stepper.checkpointOptimizer();
        try {
          await hooks.onCheckpoint(epoch, history, activeMs, held.optimizer);
        } finally {
          held.release();
        }
      }
    }
    return finish('complete');
  }

  function rates(epoch: number, batch: number): { samplesPerSec: number; etaSec: number } {
    const samplesPerSec = samples / Math.max(activeMs / 1000, 1e-9);
    const remaining = (epochs - epoch) * set.count + Math.max(0, set.count - batch * batchSize);
    return { samplesPerSec, etaSec: remaining / Math.max(samplesPerSec, 1e-9) };
  }
}
