/**
 * Entry of the training worker thread (started by `TrainWorker`; under tsx via `bootstrap.mjs`, in the app as
 * the bundled `train-worker.cjs`), or a peer thread of a data-parallel training. It initialises the host's backend, says `ready`, runs the one job it is
 * given, answers pause/resume/cancel between batches, and posts `end`; the host then terminates it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../../model/backend.js';
import { TrainController } from '../../train/controller.js';
import { runJob, type Post } from './job.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { errorMessage } from '../../pure/errors.js';
import { runPeer } from '../parallel/peer.js';
import type { PeerInit } from '../parallel/protocol.js';

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('the training worker must run in a worker thread');
  const post: Post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const controller = new TrainController();
  let started = false;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'pause') controller.pause();
    else if (message.type === 'resume') controller.resume();
    else if (message.type === 'cancel') controller.cancel();
    else if (message.type === 'start' && !started) {
      started = true;
      // Running from now on, so a pause that arrives while the model is built is kept (an idle controller ignores it).
      controller.begin();
      void runJob(message.job, controller, post).then((end) => post({ type: 'end', end }));
    }
  });
  const init = workerData as WorkerInit;
  initBackend({ prefer: init.backend }).then(
    (backend) => post({ type: 'ready', backend }),
    (err: unknown) => post({ type: 'fatal', message: errorMessage(err) }),
  );
}

// The same entry serves the peers of a data-parallel training (src/workers/parallel/), so the app bundles one file.
const role = (workerData as Partial<PeerInit> | null)?.role;
if (role === 'peer' && parentPort) runPeer(parentPort, workerData as PeerInit);
else main();
