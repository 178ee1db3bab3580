/**
 * The host's handle on a training worker thread: starts it, waits until its backend is up, hands it one job,
 * relays control messages, and reports everything it posts. One worker per run; it is terminated at the end.
 */
import { fileURLToPath } from 'node:url';
import { startBackendWorker } from '../start-worker.js';
import { type Worker } from 'node:worker_threads';
import type { BackendName } from '../../pure/api/api.js';
import type { FromWorker, ToWorker, TrainJob, WorkerEnd, WorkerInit } from './protocol.js';

/** Environment variable naming the worker entry (the bundled app sets it; else the source bootstrap is used). */
export const TRAIN_WORKER_ENV = 'LATENT_EXPLORER_TRAIN_WORKER';

/** The worker entry: `explicit`, else `$LATENT_EXPLORER_TRAIN_WORKER`, else `bootstrap.mjs` beside this file. */
export function resolveWorkerPath(explicit?: string, env: Record<string, string | undefined> = process.env): string {
  return explicit ?? env[TRAIN_WORKER_ENV] ?? fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));
}

export interface TrainWorkerHandlers {
  /** Every message but `ready`/`fatal`/`end`. */
  onMessage(message: Exclude<FromWorker, { type: 'ready' | 'fatal' | 'end' }>): void;
  /** Exactly once: the worker's own end, or `failed` when it died or exited without one. */
  onEnd(end: WorkerEnd): void;
}

export class TrainWorker {
  private ended = false;

  private constructor(
    private readonly worker: Worker,
    private readonly handlers: TrainWorkerHandlers,
  ) {}

  /**
   * Starts a worker and waits until its backend is initialised.
   * @throws Error naming the entry and the cause when the worker cannot start.
   */
  static async start(opts: { path: string; backend: BackendName; handlers: TrainWorkerHandlers }): Promise<TrainWorker> {
    const init: WorkerInit = { backend: opts.backend };
    const worker = await startBackendWorker(opts.path, init, 'the training worker');
    const client = new TrainWorker(worker, opts.handlers);
    client.listen();
    return client;
  }

  /** Hands the worker its job (once). */
  run(job: TrainJob): void {
    this.send({ type: 'start', job });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  cancel(): void {
    this.send({ type: 'cancel' });
  }

  /** Stops the thread at once (after `end`, or to abandon it). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private send(message: ToWorker): void {
    if (!this.ended) this.worker.postMessage(message);
  }

  private listen(): void {
    const end = (result: WorkerEnd) => {
      if (this.ended) return;
      this.ended = true;
      this.handlers.onEnd(result);
    };
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'end') end(m.end);
      else if (m.type !== 'ready' && m.type !== 'fatal') this.handlers.onMessage(m);
    });
    this.worker.on('error', (err) => end({ outcome: 'failed', message: `the training worker crashed: ${err.message}` }));
    this.worker.on('exit', (code) => end({ outcome: 'failed', message: `the training worker exited (code ${code}) before the run ended` }));
  }
}
