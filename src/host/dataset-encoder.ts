/**
 * Encoding a whole dataset for the explorer on both cores: this thread and the encode worker (EncodePool) take
 * chunks from opposite ends of the dataset until none is left, so the split follows whichever core is less busy,
 * and this thread yields after each of its chunks, so requests (decode while dragging) are answered meanwhile.
 * One pool per engine session, started when a run is opened (or on the first encode) and stopped with the session. When the worker
 * cannot start or fails, encoding goes on in this thread alone, and the reason is logged once.
 */
import type * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS } from '../pure/api/api.js';
import type { ImageSet } from '../pure/data/types.js';
import { errorMessage } from '../pure/errors.js';
import { encodeAll } from '../latent/encode-all.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { EncodePool, type EncodePoolOptions } from '../workers/encode/pool.js';

/** Images per chunk: ~50 ms of work on wasm for a mid-size dense encoder, the longest this thread is busy. */
const CHUNK = 4_096;
/** Least time this thread waits for the worker's last chunks before encoding them itself. */
const STEAL_AFTER_MS = 1_000;
/** Chunks the worker is sent ahead, so it never idles between a result and its next job. */
const WORKER_AHEAD = 2;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface DatasetEncoder {
  /** Codes of every image of `data`, train then test (`count * d`, d = the encoder's output width). */
  encode(encoder: tf.LayersModel, data: DatasetIndex, d: number): Promise<Float32Array>;
  /**
   * Starts the worker now (e.g. while a run's files load), so the first encode finds it ready; resolves whether
   * it is up. An encode starts it anyway, and works on this thread until it is.
   */
  start(): Promise<boolean>;
  /** `encoder` is about to be disposed: the worker drops its copy. */
  forget(encoder: tf.LayersModel): void;
  /** Stops the worker (an encode in progress finishes on this thread). */
  dispose(): Promise<void>;
  /** Whether encodes use the worker: `pending` until the first encode starts it. */
  readonly threads: 'pending' | 'two' | 'one';
  /** Whether a worker thread is alive now. */
  running(): boolean;
}

export interface DatasetEncoderOptions extends EncodePoolOptions {
  /** No worker at all: encode on this thread (e.g. a caller that measures the one-thread path). */
  oneThread?: boolean;
  /** Where the reason for falling back to one thread goes. Default: console.error. */
  log?: (line: string) => void;
}

interface Chunk {
  set: ImageSet;
  /** First image in `set`. */
  start: number;
  count: number;
  /** First code row of the chunk in the output (train then test). */
  row: number;
}

function chunksOf(data: DatasetIndex): Chunk[] {
  const chunks: Chunk[] = [];
  for (const [set, first] of [
    [data.dataset.train, 0],
    [data.dataset.test, data.trainCount],
  ] as const) {
    for (let start = 0; start < set.count; start += CHUNK)
      chunks.push({ set, start, count: Math.min(CHUNK, set.count - start), row: first + start });
  }
  return chunks;
}

const imagesOf = (c: Chunk) => c.set.images.subarray(c.start * IMAGE_PIXELS, (c.start + c.count) * IMAGE_PIXELS);

export function createDatasetEncoder(opts: DatasetEncoderOptions = {}): DatasetEncoder {
  const log = opts.log ?? ((line: string) => console.error(line));
  let pool: Promise<EncodePool | null> | null = null;
  let threads: DatasetEncoder['threads'] = opts.oneThread ? 'one' : 'pending';
  let disposed = false;
  let live: EncodePool | null = null;

  const oneThread = (why: string) => {
    if (threads !== 'one') log(`latent-explorer: encoding on one thread: ${why}`);
    threads = 'one';
    return null;
  };
  const started = (): Promise<EncodePool | null> => {
    if (opts.oneThread || disposed) return Promise.resolve(null);
    pool ??= EncodePool.start(opts).then(
      (p) => {
        if (disposed) {
          void p.dispose().catch(() => {});
          return null;
        }
        threads = 'two';
        return (live = p);
      },
      (err: unknown) => oneThread(errorMessage(err)),
    );
    return pool;
  };
  /** The pool, or null once it failed: a worker that crashed is not asked again. */
  const usable = async (): Promise<EncodePool | null> => (threads === 'one' ? null : started());

  return {
    get threads() {
      return threads;
    },

    async encode(encoder, data, d) {
      const codes = new Float32Array(data.count * d);
      const chunks = chunksOf(data);
      let front = 0;
      let back = chunks.length;
      const retry: Chunk[] = [];
      // Chunks the worker holds and has not answered; once this thread has none left it takes them back after a
      // while, so a worker slowed down (its start, a busy core) or stuck never holds the embedding up for long.
      const held = new Set<Chunk>();
      const done = new Set<Chunk>();
      // The worker takes chunks from the back while this thread takes them from the front.
      const feedWorker = async (worker: EncodePool) => {
        while (front < back && threads === 'two') {
          const chunk = chunks[--back]!;
          held.add(chunk);
          try {
            const part = await worker.encodeAll(encoder, imagesOf(chunk), chunk.count, { workerShare: 1 });
            // A chunk this thread took back meanwhile is already written.
            if (!done.has(chunk)) codes.set(part, chunk.row * d);
            done.add(chunk);
          } catch (err) {
            retry.push(chunk);
            if (disposed) return;
            oneThread(errorMessage(err));
            void worker.dispose().catch(() => {});
          } finally {
            held.delete(chunk);
          }
        }
      };
      // A worker still starting when this thread has done every chunk is not waited for.
      let feeding: Promise<unknown> = Promise.resolve();
      void usable().then((worker) => {
        if (worker && front < back) feeding = Promise.all(Array.from({ length: WORKER_AHEAD }, () => feedWorker(worker)));
      });
      let slowest = 0;
      const ownChunk = async (chunk: Chunk) => {
        const t0 = performance.now();
        codes.set(encodeAll(encoder, imagesOf(chunk), chunk.count), chunk.row * d);
        done.add(chunk);
        slowest = Math.max(slowest, performance.now() - t0);
        await yieldToEventLoop();
      };
      while (front < back) await ownChunk(chunks[front++]!);
      const patience = Math.max(STEAL_AFTER_MS, 3 * slowest * WORKER_AHEAD);
      const waited = await Promise.race([
        feeding.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), patience).unref()),
      ]);
      if (!waited) for (const chunk of [...held]) if (!done.has(chunk)) await ownChunk(chunk);
      for (const chunk of retry) if (!done.has(chunk)) await ownChunk(chunk);
      return codes;
    },

    running: () => live?.running ?? false,

    start: async () => (await usable()) !== null,

    forget(encoder) {
      if (threads !== 'two' || !pool) return;
      void pool.then((p) => p?.forget(encoder)).catch(() => {});
    },

    async dispose() {
      disposed = true;
      const p = await pool;
      await p?.dispose();
    },
  };
}
