/**
 * Starting a worker thread that owns a TF.js backend of its own (the training worker, the encode worker): both
 * wait for the same handshake, `ready` once the backend is up or `fatal` with the reason, and must not leave
 * a half-started thread behind when that fails.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** The first message every backend worker sends. */
export type WorkerHandshake = { type: 'ready' } | { type: 'fatal'; message: string };

/**
 * Starts the worker at `path` with `workerData` and resolves once it says `ready`.
 * @param what names the worker in errors, e.g. `the training worker`.
 * @throws Error naming the entry and the cause when the worker cannot start; the thread is terminated.
 */
export async function startBackendWorker(path: string, workerData: unknown, what: string): Promise<Worker> {
  const fail = (why: string) => new Error(`${what} could not start (${path}): ${why}`);
  if (!existsSync(path)) throw fail('the file does not exist');
  const worker = new Worker(path, { workerData });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { type?: unknown; message?: unknown }) => {
      if (m.type === 'ready') {
        cleanup();
        resolve();
      } else if (m.type === 'fatal') {
        cleanup();
        reject(fail(String(m.message)));
      }
    };
    const onError = (err: Error) => (cleanup(), reject(fail(err.message)));
    const onExit = (code: number) => (cleanup(), reject(fail(`it exited with code ${code}`)));
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  }).catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  return worker;
}
