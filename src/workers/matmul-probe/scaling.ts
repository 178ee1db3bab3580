/**
 * How much faster two threads run the dense step's matrix products than one: the ceiling of any split of a
 * training step that is mostly matrix products (data-parallel, or each layer's columns split), on this machine.
 * Each thread runs the same products on its own backend; below 2 because the threads share caches and memory
 * bandwidth (or, on some machines, one physical core).
 */
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { BackendName } from '../../model/backend.js';
import { startBackendWorker } from '../start-worker.js';
import type { FromProbe, ProbeInit } from './protocol.js';

const ENTRY = fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));

/** Rounds of the products per second, summed over `threads` threads running at the same time. */
async function roundsPerSecond(backend: BackendName, threads: number, seconds: number): Promise<number> {
  const control = new SharedArrayBuffer(4);
  const init: ProbeInit = { backend, control, seconds };
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) workers.push(await startBackendWorker(ENTRY, init, `matrix-product probe ${i + 1}`));
    const rates = workers.map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          w.on('message', (m: FromProbe) => {
            if (m.type === 'rate') resolve(m.roundsPerSecond);
            else if (m.type === 'fatal') reject(new Error(`matrix-product probe: ${m.message}`));
          });
          w.once('error', reject);
        }),
    );
    const flag = new Int32Array(control);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    return (await Promise.all(rates)).reduce((a, b) => a + b, 0);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The two-thread over one-thread ratios of the products' throughput, one and two threads measured alternately
 * `repeats` times, so a change in the machine's load touches both alike.
 */
export async function matmulScaling(backend: BackendName, opts: { repeats: number; seconds: number }): Promise<number[]> {
  const ratios: number[] = [];
  for (let r = 0; r < opts.repeats; r++) {
    const one = await roundsPerSecond(backend, 1, opts.seconds);
    const two = await roundsPerSecond(backend, 2, opts.seconds);
    ratios.push(two / one);
  }
  return ratios;
}
