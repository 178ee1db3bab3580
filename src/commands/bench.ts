/** `latent-explorer bench`: training and inference speed on the chosen backend, with cpu as the reference. */
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { runBench, type BenchResult } from '../bench/run-bench.js';
import type { BackendName } from '../model/backend.js';
import { errorMessage } from '../pure/errors.js';

const help = `Usage: latent-explorer bench [--json] [--quick] [--backend <tfjs-node|wasm|cpu>]

Measures, in one run on the same backend (medians over repeats):
  - training samples/s of the default dense model (784-512-128-2, batch 256, Adam, BCE) and of the default
    convolutional model, on the chosen backend AND on the pure-JS cpu backend (the reference);
  - time to encode all 70,000 MNIST images with the dense model, on two threads (this one and a warm encode
    worker; the one-thread figure is logged too);
  - latency to decode one latent point (p50, p99) and a 20x20 manifold grid (p50);
  - the same dense model as ONNX graphs on onnxruntime (how imported PyTorch models run): encode all 70,000
    images and decode one point (p50).
The cpu conv figure comes from one step at batch 32 (cpu conv costs ~0.25 s per image); a full run takes 2-3 minutes.

Options:
  --json            print one JSON object as the last line (keys: backend, dense_train_sps, cpu_dense_train_sps,
                    conv_train_sps, cpu_conv_train_sps, encode_70k_ms, decode1_p50_ms, decode1_p99_ms, grid400_p50_ms,
                    onnx_encode_70k_ms, onnx_decode1_p50_ms)
  --quick           fewer steps and a small cpu conv batch: a ~30 s smoke run, numbers less steady
  --backend <b>     backend to measure (default: tfjs-node, else wasm, else cpu)`;

const BACKENDS: readonly BackendName[] = ['tfjs-node', 'wasm', 'cpu'];

/** The human-readable report. */
export function formatBench(r: BenchResult): string {
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}x cpu` : 'n/a');
  return [
    `backend                 ${r.backend}`,
    `dense training          ${r.dense_train_sps.toFixed(0)} samples/s (cpu ${r.cpu_dense_train_sps.toFixed(1)}; ${ratio(r.dense_train_sps, r.cpu_dense_train_sps)})`,
    `conv training           ${r.conv_train_sps.toFixed(0)} samples/s (cpu ${r.cpu_conv_train_sps.toFixed(1)}; ${ratio(r.conv_train_sps, r.cpu_conv_train_sps)})`,
    `encode 70k              ${r.encode_70k_ms.toFixed(0)} ms`,
    `decode one point        p50 ${r.decode1_p50_ms.toFixed(2)} ms, p99 ${r.decode1_p99_ms.toFixed(2)} ms`,
    `decode 20x20 grid       p50 ${r.grid400_p50_ms.toFixed(1)} ms`,
    `onnxruntime encode 70k  ${r.onnx_encode_70k_ms.toFixed(0)} ms`,
    `onnxruntime decode one  p50 ${r.onnx_decode1_p50_ms.toFixed(3)} ms`,
  ].join('\n');
}

async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, backend: { type: 'string' } },
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
  const result = await runBench({ prefer, quick: values.quick ?? false, log: (line) => console.error(line) });
  console.log(formatBench(result));
  if (values.json) console.log(JSON.stringify(result));
  return 0;
}

export const command: Command = {
  summary: 'measure training and decoding speed (chosen backend and cpu)',
  help,
  run,
};
