/**
 * The leader's side of data-parallel training: a `BatchStepper` (src/train/stepper.ts) whose steps are shared
 * with peer threads (peer.ts). Only the wasm and cpu backends are split this way: tfjs-node's kernels already use
 * every core.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { currentBackend } from '../../model/backend.js';
import { pixelsOf } from '../../pure/data/batches.js';
import * as tf from '@tensorflow/tfjs';
import { captureOptimizerState, restoreOptimizerState } from '../../runs/optimizer-state.js';
import { localStepper, type BatchStepper, type StepperContext, type StepperFactory } from '../../train/stepper.js';
import { startBackendWorker } from '../start-worker.js';
import { ADAM, AdamKernel, adamArrays, adamLayout, adamMemory, nextAccBeta, type AdamArrays } from './adam.js';
import { batchLoss, flattenWeights, loadWeights, parameterLayout, shareGradient, type ShareContext } from './gradients.js';
import { adamStepOf, CONTROL, SCALARS, type Exchange, type FromPeer, type PeerInit, type PeerSync } from './protocol.js';

export interface ParallelOptions {
  /** Threads in all, this one included (default: `trainThreads`). 1: no peers. */
  threads?: number;
  /** The training worker's entry, which runs a peer for `role: 'peer'` (see `resolveWorkerPath`). */
  workerPath: string;
}

/** Threads for "all cores": one per core, at most 8 (more shares make the batches too thin). */
export function allCoreThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/** Sets the training threads of every run that does not ask for a number: app, serve mode, CLI and tests. */
export const TRAIN_THREADS_ENV = 'LATENT_EXPLORER_TRAIN_THREADS';

/** A thread count from text: a whole number from 1 to 64, else undefined. */
export function threadCount(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : undefined;
}

/** `$LATENT_EXPLORER_TRAIN_THREADS` when it is a whole number 1..64, else all cores. */
export function defaultTrainThreads(): number {
  return threadCount(process.env[TRAIN_THREADS_ENV]) ?? allCoreThreads();
}

/**
 * Threads a training runs on: `threads` when asked for, else `defaultTrainThreads()` (all cores, at most 8).
 * tfjs-node's own kernels already use every core: one thread there. Dense models gain less than convolutional ones
 * from the second core (per-step costs that do not shrink with the batch: weight packing, Adam, kernel dispatch;
 * docs/performance.md), but
 * since the wasm transposes, the gradient copies and the Adam step were fixed they gain: 1.46x at batch 128.
 */
export function trainThreads(backend: string, threads?: number): number {
  if (backend === 'tfjs-node') return 1;
  if (threads !== undefined) return Math.max(1, Math.floor(threads));
  return defaultTrainThreads();
}

/** A stepper factory for `runTraining`/`train`: data-parallel on `trainThreads` threads, this thread alone when 1. */
export function parallelStepper(opts: ParallelOptions): StepperFactory {
  return async (ctx) => {
    const threads = trainThreads(currentBackend(), opts.threads);
    if (threads === 1) return localStepper(ctx);
    return ParallelStepper.start(ctx, threads, opts.workerPath);
  };
}

/** `Atomics.waitAsync` (Node 16+; typed only in the ES2024 library this project does not target). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number, timeoutMs: number): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

function sharedBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  out.set(bytes);
  return out;
}

class ParallelStepper implements BatchStepper {
  private readonly control: Int32Array;
  private readonly scalars: Float64Array;
  private readonly indices: Int32Array;
  private readonly flat: AdamArrays;
  private readonly adamKernel: AdamKernel;
  private readonly offsets: readonly number[];
  private readonly share: ShareContext;
  /** Adam's step count and running products (float32 values), as TF.js's AdamOptimizer keeps them. */
  private adam = { iterations: 0, accBeta1: Math.fround(ADAM.beta1), accBeta2: Math.fround(ADAM.beta2) };
  private steps = 0;
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    private readonly ctx: StepperContext,
    readonly threads: number,
    private readonly peers: Worker[],
    exchange: Exchange,
  ) {
    this.control = new Int32Array(exchange.control);
    this.scalars = new Float64Array(exchange.scalars);
    this.indices = new Int32Array(exchange.indices);
    const { offsets, total } = parameterLayout(ctx.ae);
    this.offsets = offsets;
    const layout = adamLayout(total, threads);
    this.flat = adamArrays(exchange.memory, layout);
    this.adamKernel = new AdamKernel(exchange.memory, layout, 0);
    this.share = {
      ae: ctx.ae,
      set: ctx.set,
      rank: 0,
      threads,
      control: this.control,
      indices: this.indices,
      slot: this.flat.gradient(0),
      offsets,
      buffer: new Float32Array(Math.ceil(ctx.batchSize / threads) * pixelsOf(ctx.set)),
    };
    for (const [rank, peer] of peers.entries()) {
      peer.on('message', (m: FromPeer) => {
        if (m.type === 'fatal') this.fail(new Error(m.message));
      });
      peer.on('error', (err) => this.fail(new Error(`training thread ${rank + 1} crashed: ${err.message}`)));
      peer.on('exit', (code) => this.fail(new Error(`training thread ${rank + 1} exited (code ${code})`)));
    }
  }

  static async start(ctx: StepperContext, threads: number, workerPath: string): Promise<ParallelStepper> {
    const total = parameterLayout(ctx.ae).total;
    const exchange: Exchange = {
      control: new SharedArrayBuffer(CONTROL.size * 4),
      scalars: new SharedArrayBuffer((SCALARS.loss + threads) * 8),
      indices: new SharedArrayBuffer(ctx.batchSize * 4),
      memory: adamMemory(adamLayout(total, threads)),
    };
    const images = sharedBytes(ctx.set.images.subarray(0, ctx.set.count * pixelsOf(ctx.set)));
    const peers: Worker[] = [];
    try {
      for (let rank = 1; rank < threads; rank++) {
        const init: PeerInit = {
          role: 'peer',
          backend: currentBackend(),
          config: ctx.ae.config,
          rank,
          threads,
          exchange,
          images,
          count: ctx.set.count,
          rows: ctx.set.rows,
          cols: ctx.set.cols,
        };
        peers.push(await startBackendWorker(workerPath, init, `training thread ${rank}`));
      }
    } catch (err) {
      await Promise.all(peers.map((p) => p.terminate()));
      throw err;
    }
    return new ParallelStepper({ ...ctx, set: { ...ctx.set, images } }, threads, peers, exchange);
  }

  /** Takes over the model's weights and the loop's optimizer state (a resumed checkpoint's), then starts the peers. */
  async start(): Promise<void> {
    const { ae, optimizer } = this.ctx;
    flattenWeights(ae, this.flat.weights, this.offsets);
    const state = await captureOptimizerState(optimizer);
    if (state.moments.length) {
      const vars = ae.trainableVariables.length;
      state.moments.forEach((values, i) => (i < vars ? this.flat.m : this.flat.v).set(values, this.offsets[i % vars]));
      this.adam = { iterations: state.iterations, accBeta1: state.accBeta1, accBeta2: state.accBeta2 };
    }
    const message: PeerSync = { type: 'sync' };
    await Promise.all(
      this.peers.map(
        (peer, i) =>
          new Promise<void>((resolve, reject) => {
            const onMessage = (m: FromPeer) => {
              if (m.type !== 'synced' && m.type !== 'fatal') return;
              peer.off('message', onMessage);
              if (m.type === 'synced') resolve();
              else reject(new Error(`training thread ${i + 1}: ${m.message}`));
            };
            peer.on('message', onMessage);
            peer.postMessage(message);
          }),
      ),
    );
  }

  async step(indices: Uint32Array, learningRate: number): Promise<number> {
    if (this.failure) throw this.failure;
    const { control, scalars, threads } = this;
    const n = indices.length;
    const noise = this.ctx.ae.noise;
    this.indices.set(indices);
    scalars[SCALARS.rate] = learningRate;
    scalars[SCALARS.oneMinusAccBeta1] = Math.fround(1 - this.adam.accBeta1);
    scalars[SCALARS.oneMinusAccBeta2] = Math.fround(1 - this.adam.accBeta2);
    scalars[SCALARS.epsilon] = tf.backend().epsilon();
    Atomics.store(control, CONTROL.count, n);
    Atomics.store(control, CONTROL.noise, noise ? noise.state | 0 : 0);
    // Every claim of the last step was made before its last barrier, which this thread has passed.
    Atomics.store(control, CONTROL.chunk, 0);
    const step = ++this.steps;
    Atomics.add(control, CONTROL.step, 1);
    Atomics.notify(control, CONTROL.step);
    // The noise generator ends where a single thread's would: past the whole batch's draw (shareGradient's shard).
    scalars[SCALARS.loss] = shareGradient(this.share);
    Atomics.add(control, CONTROL.done, 1);
    Atomics.notify(control, CONTROL.done);
    await this.waitFor(CONTROL.done, step * threads);
    this.adamKernel.claimed(n, adamStepOf(scalars), () => Atomics.add(control, CONTROL.chunk, 1));
    Atomics.add(control, CONTROL.applied, 1);
    Atomics.notify(control, CONTROL.applied);
    await this.waitFor(CONTROL.applied, step * threads);
    loadWeights(this.ctx.ae, this.flat.weights, this.offsets);
    this.adam = { iterations: this.adam.iterations + 1, ...nextAccBeta(this.adam.accBeta1, this.adam.accBeta2) };
    return batchLoss(scalars.subarray(SCALARS.loss), threads, n);
  }

  /** A fresh Adam holding the shared state (the loop's own optimizer takes no step here), for a checkpoint. */
  async checkpointOptimizer(): Promise<{ optimizer: tf.Optimizer; release(): void }> {
    const { ae, optimizer: own } = this.ctx;
    const vars = ae.trainableVariables;
    const optimizer = tf.train.adam((own as unknown as { learningRate: number }).learningRate);
    const slice = (flat: Float32Array) => vars.map((v, i) => flat.slice(this.offsets[i], this.offsets[i]! + v.size));
    if (this.adam.iterations > 0)
      await restoreOptimizerState(optimizer, vars, { ...this.adam, moments: [...slice(this.flat.m), ...slice(this.flat.v)] });
    return { optimizer, release: () => optimizer.dispose() };
  }

  private async waitFor(slot: number, target: number): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      const now = Atomics.load(this.control, slot);
      if (now >= target) return;
      // Async, so a peer's death (its 'exit' event) is seen instead of waiting for ever.
      const wait = waitAsync(this.control, slot, now, 1000);
      if (wait.async) await wait.value;
    }
  }

  private fail(err: Error): void {
    if (!this.closed) this.failure ??= err;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, CONTROL.stop, 1);
    for (const slot of [CONTROL.step, CONTROL.done, CONTROL.applied]) {
      Atomics.add(this.control, slot, 1);
      Atomics.notify(this.control, slot);
    }
    await Promise.all(this.peers.map((p) => p.terminate()));
  }
}
