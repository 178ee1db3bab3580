/** `latent-explorer bench`: training and inference speed on the chosen backend, with cpu as the reference. */
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { runBench, type BenchResult } from '../bench/run-bench.js';
import type { BackendName } from '../model/backend.js';
import { errorMessage } from '../pure/errors.js';

const help = `Usage: latent-explorer bench [--json] [--quick] [--long] [--backend <tfjs-node|wasm|cpu>]

Measures, in one run on the same backend (medians over repeats):
  - training samples/s of the default dense model (784-512-128-2, batch 256, Adam, BCE) and of the default
    convolutional model, on all cores (data-parallel threads) and on one thread, measured alternately, on the
    chosen backend, AND on one thread of the pure-JS cpu backend (the reference); the peak resident memory
    while the dense model trains on all cores;
  - the ceilings of those all-core figures (not on tfjs-node): two threads' throughput of the dense step's matrix
    products over one thread's, each thread running all of them (fresh right operands, as in training); and the
    one-thread dense step (batch 256) over two threads computing their halves' gradients in lockstep, with no
    exchange and no Adam: the most any data-parallel split of that step can reach on this machine;
  - time to encode all 70,000 MNIST images with the dense model, on two threads (this one and a warm encode
    worker; the one-thread figure is logged too);
  - latency to decode one latent point (p50, p99) and a 20x20 manifold grid (p50);
  - the same dense model as ONNX graphs on onnxruntime (how imported PyTorch models run): encode all 70,000
    images and decode one point (p50).
The cpu conv figure comes from one step at batch 32 (cpu conv costs ~0.25 s per image); a full run takes 2-3 minutes.

Options:
  --json            print one JSON object as the last line (keys: backend, train_threads, dense_train_sps,
                    dense_train_sps_1t, cpu_dense_train_sps, conv_train_sps, conv_train_sps_1t, cpu_conv_train_sps,
                    matmul_scaling, dense_split_ceiling, train_peak_rss_mb, encode_70k_ms, decode1_p50_ms,
                    decode1_p99_ms, grid400_p50_ms, onnx_encode_70k_ms, onnx_decode1_p50_ms; with --long also
                    time_to_good_map_s, good_map_epoch)
  --quick           fewer steps and a small cpu conv batch: a ~30 s smoke run, numbers less steady
  --long            also train the default preset (all MNIST, on the threads the app uses for it) until its 2-D
                    test codes reach a 5-NN accuracy of 0.80: time_to_good_map_s is the training's wall time to
                    the end of that epoch (the per-epoch scoring excluded), good_map_epoch the epoch; a few minutes
  --backend <b>     backend to measure (default: tfjs-node, else wasm, else cpu)`;

const BACKENDS: readonly BackendName[] = ['tfjs-node', 'wasm', 'cpu'];

/** The human-readable report. */
export function formatBench(r: BenchResult): string {
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}x cpu` : 'n/a');
  const speedup = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
  return [
    `backend                 ${r.backend}`,
    `dense training          ${r.dense_train_sps.toFixed(0)} samples/s (cpu ${r.cpu_dense_train_sps.toFixed(1)}; ${ratio(r.dense_train_sps, r.cpu_dense_train_sps)})`,
    `  on one thread         ${r.dense_train_sps_1t.toFixed(0)} samples/s (${r.train_threads} threads: ${speedup(r.dense_train_sps, r.dense_train_sps_1t)})`,
    `conv training           ${r.conv_train_sps.toFixed(0)} samples/s (cpu ${r.cpu_conv_train_sps.toFixed(1)}; ${ratio(r.conv_train_sps, r.cpu_conv_train_sps)})`,
    `  on one thread         ${r.conv_train_sps_1t.toFixed(0)} samples/s (${r.train_threads} threads: ${speedup(r.conv_train_sps, r.conv_train_sps_1t)})`,
    `matrix products         ${r.matmul_scaling === null ? 'n/a' : `two threads ${speedup(r.matmul_scaling, 1)} one`}`,
    `dense step, split       ${r.dense_split_ceiling === null ? 'n/a' : `two threads at most ${speedup(r.dense_split_ceiling, 1)} one`}`,
    `training peak RSS       ${r.train_peak_rss_mb.toFixed(0)} MB`,
    `encode 70k              ${r.encode_70k_ms.toFixed(0)} ms`,
    `decode one point        p50 ${r.decode1_p50_ms.toFixed(2)} ms, p99 ${r.decode1_p99_ms.toFixed(2)} ms`,
    `decode 20x20 grid       p50 ${r.grid400_p50_ms.toFixed(1)} ms`,
    `onnxruntime encode 70k  ${r.onnx_encode_70k_ms.toFixed(0)} ms`,
    `onnxruntime decode one  p50 ${r.onnx_decode1_p50_ms.toFixed(3)} ms`,
    ...(r.time_to_good_map_s === undefined
      ? []
      : [
          `time to a good map      ${r.time_to_good_map_s === null ? 'not reached' : `${r.time_to_good_map_s.toFixed(1)} s (epoch ${r.good_map_epoch})`}`,
        ]),
  ].join('\n');
}

async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, long: { type: 'boolean' }, backend: { type: 'string' } },
    }));
  } catch (err) {
    console.error(`bench: ${errorMessage(err)}\n\n${help}`);
    return 2;
  }
  const prefer = values.backend as BackendName | undefined;
  if (prefer !== undefined && !BACKENDS.includes(prefer)) {
    console.error(`bench: unknown backend '${prefer}' (expected ${BACKENDS.join(', ')})`);
    return 2;
  }
  const result = await runBench({ prefer, quick: values.quick ?? false, long: values.long ?? false, log: (line) => console.error(line) });
  console.log(formatBench(result));
  if (values.json) console.log(JSON.stringify(result));
  return 0;
}

export const command: Command = {
  summary: 'measure training and decoding speed (chosen backend and cpu)',
  help,
  run,
};
