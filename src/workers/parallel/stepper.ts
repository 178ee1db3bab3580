/**
 * The leader's side of data-parallel training: a `BatchStepper` (src/train/stepper.ts) whose steps are shared
 * with peer threads (peer.ts). Only the wasm and cpu backends are split this way: tfjs-node's kernels already use
 * every core.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { currentBackend } from '../../model/backend.js';
import type { Autoencoder } from '../../model/types.js';
import { pixelsOf } from '../../pure/data/batches.js';
import { captureOptimizerState } from '../../runs/optimizer-state.js';
import { localStepper, type BatchStepper, type StepperContext, type StepperFactory } from '../../train/stepper.js';
import { startBackendWorker } from '../start-worker.js';
import { applyMean, averageShares, parameterLayout, shareGradient } from './gradients.js';
import { CONTROL, type Exchange, type FromPeer, type PeerInit, type PeerSync } from './protocol.js';

export interface ParallelOptions {
  /** Threads in all, this one included (default: the machine's cores, at most 8). 1: no peers. */
  threads?: number;
  /** The training worker's entry, which runs a peer for `role: 'peer'` (see `resolveWorkerPath`). */
  workerPath: string;
}

/** Threads a training uses by default: one per core, at most 8 (more shares make the batches too thin). */
export function defaultTrainThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/** Threads a training on `backend` runs on when `threads` are asked for (tfjs-node: its own kernels' threads, so 1 here). */
export function trainThreads(backend: string, threads?: number): number {
  return backend === 'tfjs-node' ? 1 : Math.max(1, Math.floor(threads ?? defaultTrainThreads()));
}

/** A stepper factory for `runTraining`/`train`: data-parallel on `threads` threads, this thread alone when 1. */
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
  private readonly gradients: Float32Array;
  private readonly mean: Float32Array;
  private readonly layout: ReturnType<typeof parameterLayout>;
  private readonly share: Parameters<typeof shareGradient>[0];
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
    this.gradients = new Float32Array(exchange.gradients);
    this.mean = new Float32Array(exchange.mean);
    this.layout = parameterLayout(ctx.ae);
    this.share = {
      ae: ctx.ae,
      set: ctx.set,
      rank: 0,
      threads,
      control: this.control,
      indices: this.indices,
      slot: this.gradients.subarray(0, this.layout.total),
      offsets: this.layout.offsets,
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
      scalars: new SharedArrayBuffer((1 + threads) * 8),
      indices: new SharedArrayBuffer(ctx.batchSize * 4),
      gradients: new SharedArrayBuffer(threads * total * 4),
      mean: new SharedArrayBuffer(total * 4),
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

  async start(): Promise<void> {
    const { ae, optimizer } = this.ctx;
    const state = await captureOptimizerState(optimizer);
    const message: PeerSync = {
      type: 'sync',
      weights: ae.trainableVariables.map((v) => new Float32Array(v.dataSync() as Float32Array)),
      optimizer: state.moments.length ? state : null,
    };
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
    const { control } = this;
    const n = indices.length;
    const ae: Autoencoder = this.ctx.ae;
    this.indices.set(indices);
    this.scalars[0] = learningRate;
    Atomics.store(control, CONTROL.count, n);
    Atomics.store(control, CONTROL.noise, ae.noise ? ae.noise.state | 0 : 0);
    Atomics.store(control, CONTROL.done, 0);
    Atomics.add(control, CONTROL.step, 1);
    Atomics.notify(control, CONTROL.step);
    // The noise generator ends where a single thread's would: past the whole batch's draw (shareGradient's shard).
    this.scalars[1] = shareGradient(this.share);
    await this.waitForPeers();
    const loss = averageShares(this.gradients, this.scalars.subarray(1), this.threads, n, this.mean);
    Atomics.add(control, CONTROL.mean, 1);
    Atomics.notify(control, CONTROL.mean);
    applyMean(ae, this.ctx.optimizer, this.mean, this.layout.offsets, learningRate);
    return loss;
  }

  private async waitForPeers(): Promise<void> {
    const want = this.threads - 1;
    for (;;) {
      if (this.failure) throw this.failure;
      const done = Atomics.load(this.control, CONTROL.done);
      if (done >= want) return;
      // Async, so a peer's death (its 'exit' event) is seen instead of waiting for ever.
      const wait = waitAsync(this.control, CONTROL.done, done, 1000);
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
    Atomics.add(this.control, CONTROL.step, 1);
    Atomics.notify(this.control, CONTROL.step);
    Atomics.add(this.control, CONTROL.mean, 1);
    Atomics.notify(this.control, CONTROL.mean);
    await Promise.all(this.peers.map((p) => p.terminate()));
  }
}
