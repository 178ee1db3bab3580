/**
 * Entry of a scaling probe thread (scaling.ts): the dense step's matrix products for a set time, or dense
 * training steps, run once every probe thread is ready, so that one thread's figure can be compared with
 * several threads' at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../../model/backend.js';
import { errorMessage } from '../../pure/errors.js';
import { prepareGradient } from './gradient.js';
import { prepareProducts } from './products.js';
import type { FromProbe, ProbeInit } from './protocol.js';

async function main(): Promise<void> {
  const port = parentPort!;
  const post = (m: FromProbe) => port.postMessage(m);
  const init = workerData as ProbeInit;
  try {
    await initBackend({ prefer: init.backend });
    const control = new Int32Array(init.control);
    const { probe } = init;
    const run = probe.kind === 'products' ? prepareProducts(probe.seconds) : prepareGradient(probe, control);
    post({ type: 'ready' });
    while (Atomics.load(control, 0) === 0) Atomics.wait(control, 0, 0);
    const result = await run();
    post(probe.kind === 'products' ? { type: 'rate', roundsPerSecond: result as number } : { type: 'step', meanMs: result as number });
  } catch (err) {
    post({ type: 'fatal', message: errorMessage(err) });
  }
}

void main();
