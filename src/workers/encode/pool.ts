/**
 * A persistent inference worker for encoding a whole dataset on two cores. TF.js disables wasm threads in
 * Node, so one backend uses one core; the worker holds a second backend, and `encodeAll` runs one share of the
 * images there while the calling thread encodes the rest.
 */
import type * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { startBackendWorker } from '../start-worker.js';
import { type Worker } from 'node:worker_threads';
import { currentBackend, type BackendName } from '../../model/backend.js';
import { DEFAULT_BATCH, PIXELS, outputWidth } from '../../latent/batching.js';
import { encodeAll } from '../../latent/encode-all.js';
import { snapshotWeights } from '../weights.js';
import type { EncodeWorkerInit, FromEncodeWorker, ToEncodeWorker } from './protocol.js';

/** Environment variable naming the worker entry (a bundle may set it; else the source bootstrap is used). */
export const ENCODE_WORKER_ENV = 'LATENT_EXPLORER_ENCODE_WORKER';

export interface EncodePoolOptions {
  /** Worker entry (default `$LATENT_EXPLORER_ENCODE_WORKER`, else `bootstrap.mjs` beside this file). */
  path?: string;
  /** Backend of the worker (default: the calling thread's current backend). */
  backend?: BackendName;
}

export interface ParallelEncodeOptions {
  /** Images per inference batch on either thread (default 2048). */
  batchSize?: number;
  /** Fraction 0..1 of the images the worker encodes (default 0.5). */
  workerShare?: number;
}

interface Pending {
  resolve(codes: Float32Array): void;
  reject(err: Error): void;
}

export class EncodePool {
  private readonly modelIds = new WeakMap<tf.LayersModel, number>();
  private readonly pending = new Map<number, Pending>();
  private nextModel = 1;
  private nextJob = 1;
  private failure: Error | undefined;
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromEncodeWorker) => {
      if (m.type !== 'codes' && m.type !== 'error') return;
      const job = this.pending.get(m.jobId);
      this.pending.delete(m.jobId);
      if (m.type === 'codes') job?.resolve(m.codes);
      else job?.reject(new Error(`the encode worker failed: ${m.message}`));
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const job of this.pending.values()) job.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) => fail(new Error(`the encode worker crashed: ${err.message}`)));
    worker.on('exit', (code) => {
      this.exited = true;
      fail(new Error(`the encode worker exited (code ${code})`));
    });
  }

  /** Whether the worker thread is alive (false once it exited, crashed or was disposed). */
  get running(): boolean {
    return !this.exited;
  }

  /**
   * Starts the worker and waits until its backend is up.
   * @throws Error naming the entry and the cause when it cannot start.
   */
  static async start(opts: EncodePoolOptions = {}): Promise<EncodePool> {
    const path = opts.path ?? process.env[ENCODE_WORKER_ENV] ?? fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));
    const init: EncodeWorkerInit = { backend: opts.backend ?? currentBackend() };
    const worker = await startBackendWorker(path, init, 'the encode worker');
    return new EncodePool(worker);
  }

  /**
   * Sends `model`'s topology and current weights to the worker unless this model object was sent before (the
   * cache is by identity: after changing its weights in place, call `forget` first). Called by `encodeAll`;
   * call it ahead to keep the transfer off the first encode.
   */
  prepare(model: tf.LayersModel): number {
    let id = this.modelIds.get(model);
    if (id === undefined) {
      id = this.nextModel++;
      const weights = snapshotWeights(model);
      const topology = model.toJSON(null, false) as object;
      this.send(
        { type: 'model', modelId: id, topology, weights },
        weights.map((w) => w.buffer as ArrayBuffer),
      );
      this.modelIds.set(model, id);
    }
    return id;
  }

  /** Drops the worker's copy of `model` (the next encode sends it again). */
  forget(model: tf.LayersModel): void {
    const id = this.modelIds.get(model);
    if (id === undefined) return;
    this.modelIds.delete(model);
    this.send({ type: 'forget', modelId: id });
  }

  /**
   * Latent codes of `count` byte images through `encoder`, the same as `encodeAll` returns (`count * d`
   * floats, row-major), computed on two threads at once. `images` on a SharedArrayBuffer are shared with the
   * worker; otherwise its share is copied.
   * @throws Error when the worker has failed or fails on this job.
   */
  async encodeAll(encoder: tf.LayersModel, images: Uint8Array, count: number, opts: ParallelEncodeOptions = {}): Promise<Float32Array> {
    if (this.failure) throw this.failure;
    if (images.length < count * PIXELS) throw new RangeError(`need ${count * PIXELS} pixel bytes, got ${images.length}`);
    const batchSize = opts.batchSize ?? DEFAULT_BATCH;
    const share = Math.min(1, Math.max(0, opts.workerShare ?? 0.5));
    const remote = Math.round(count * share);
    const local = count - remote;
    const d = outputWidth(encoder);
    const codes = new Float32Array(count * d);
    let fromWorker: Promise<Float32Array> | undefined;
    if (remote > 0) {
      const modelId = this.prepare(encoder);
      const shared = images.buffer instanceof SharedArrayBuffer;
      const view = images.subarray(local * PIXELS, count * PIXELS);
      // A copy to transfer, made by the Uint8Array constructor: `slice` on a Node Buffer (MNIST as read from disk)
      // is a view, and transferring it would detach the whole dataset.
      const part = shared ? view : new Uint8Array(view);
      const jobId = this.nextJob++;
      fromWorker = new Promise<Float32Array>((resolve, reject) => this.pending.set(jobId, { resolve, reject }));
      this.send({ type: 'encode', jobId, modelId, images: part, count: remote, batchSize }, shared ? [] : [part.buffer as ArrayBuffer]);
    }
    // The worker is busy with its share while this thread encodes the first `local` images.
    if (local > 0) codes.set(encodeAll(encoder, images, local, { batchSize }));
    if (fromWorker) codes.set(await fromWorker, local * d);
    return codes;
  }

  /** Stops the worker; pending encodes reject. */
  async dispose(): Promise<void> {
    await this.worker.terminate();
  }

  private send(message: ToEncodeWorker, transfer: ArrayBuffer[] = []): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(message, transfer);
  }
}

/**
 * `encodeAll` on two cores through `pool` (see `EncodePool.encodeAll`); the free-function form of the brief.
 */
export function encodeAllParallel(
  pool: EncodePool,
  encoder: tf.LayersModel,
  images: Uint8Array,
  count: number,
  opts?: ParallelEncodeOptions,
): Promise<Float32Array> {
  return pool.encodeAll(encoder, images, count, opts);
}
