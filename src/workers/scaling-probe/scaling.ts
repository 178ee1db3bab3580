/**
 * Two ceilings of training on two threads, measured on this machine:
 * - `matmulScaling`: how much faster two threads run the dense step's matrix products than one. The ceiling of
 *   any split of a training step that is mostly matrix products (data-parallel, or each layer's columns split).
 *   Each thread runs the same products on its own backend; below 2 because the threads share caches and memory
 *   bandwidth (or, on some machines, one physical core).
 * - `splitCeiling`: how much faster a data-parallel dense step could be than the one-thread step if exchanging
 *   the gradients, Adam and loading the weights cost nothing: both threads compute their half's gradient (each
 *   paying the per-step costs that do not shrink with the batch) and the step lasts until the slower one is done.
 */
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { BackendName } from '../../model/backend.js';
import { startBackendWorker } from '../start-worker.js';
import type { FromProbe, ProbeInit } from './protocol.js';

const ENTRY = fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));

/** Starts one probe thread per entry of `probes`, sets them going at once, and gives each one's answer. */
async function runProbes(backend: BackendName, probes: readonly ProbeInit['probe'][]): Promise<FromProbe[]> {
  const control = new SharedArrayBuffer(8);
  const workers: Worker[] = [];
  try {
    for (const [i, probe] of probes.entries()) {
      const init: ProbeInit = { backend, control, probe };
      workers.push(await startBackendWorker(ENTRY, init, `scaling probe ${i + 1}`));
    }
    const answers = workers.map(
      (w) =>
        new Promise<FromProbe>((resolve, reject) => {
          w.on('message', (m: FromProbe) => {
            if (m.type === 'fatal') reject(new Error(`scaling probe: ${m.message}`));
            else if (m.type !== 'ready') resolve(m);
          });
          w.once('error', reject);
        }),
    );
    const flag = new Int32Array(control);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    return await Promise.all(answers);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Rounds of the products per second, summed over `threads` threads running at the same time. */
async function roundsPerSecond(backend: BackendName, threads: number, seconds: number): Promise<number> {
  const answers = await runProbes(
    backend,
    Array.from({ length: threads }, () => ({ kind: 'products' as const, seconds })),
  );
  return answers.reduce((sum, m) => sum + (m.type === 'rate' ? m.roundsPerSecond : 0), 0);
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

export interface SplitCeilingOptions {
  /** At least `batch` MNIST images, 28x28 bytes each (the first `batch` are used). */
  images: Uint8Array;
  /** Images per step (the bench's 256). */
  batch: number;
  repeats: number;
  steps: number;
  warmup?: number;
}

/** Mean ms a step of the gradient probe on `threads` threads (one: the whole one-thread step). */
async function stepMs(backend: BackendName, threads: number, images: SharedArrayBuffer, opts: SplitCeilingOptions): Promise<number> {
  const probes = Array.from({ length: threads }, (_, rank) => ({
    kind: 'gradient' as const,
    rank,
    threads,
    batch: opts.batch,
    images,
    warmup: opts.warmup ?? 3,
    steps: opts.steps,
  }));
  const answers = await runProbes(backend, probes);
  // Every thread timed the same steps from the same barriers; the slowest clock's mean is the step.
  return Math.max(...answers.map((m) => (m.type === 'step' ? m.meanMs : 0)));
}

/**
 * The one-thread step's time over a two-thread split's least time (its shares' gradients alone), measured
 * alternately `repeats` times: no data-parallel dense training can beat this ratio on this machine.
 */
export async function splitCeiling(backend: BackendName, opts: SplitCeilingOptions): Promise<number[]> {
  const bytes = opts.batch * 28 * 28;
  if (opts.images.length < bytes) throw new Error(`splitCeiling: ${opts.images.length} bytes of images, needs ${bytes}`);
  const images = new SharedArrayBuffer(bytes);
  new Uint8Array(images).set(opts.images.subarray(0, bytes));
  const ratios: number[] = [];
  for (let r = 0; r < opts.repeats; r++) {
    const one = await stepMs(backend, 1, images, opts);
    const two = await stepMs(backend, 2, images, opts);
    ratios.push(one / two);
  }
  return ratios;
}
