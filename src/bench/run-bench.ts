/**
 * The whole benchmark in one process: training throughput on the chosen backend and on cpu (the reference the
 * targets are stated against), then inference latency on the chosen backend.
 */
import { loadMnist } from '../data/mnist.js';
import { initBackend, switchBackend, type BackendName } from '../model/backend.js';
import { inferenceLatency } from './inference.js';
import { onnxLatency } from './onnx.js';
import { trainingSamplesPerSecond } from './training.js';

/** The `--json` record; key names are part of the CLI contract. */
export interface BenchResult {
  backend: BackendName;
  dense_train_sps: number;
  cpu_dense_train_sps: number;
  conv_train_sps: number;
  cpu_conv_train_sps: number;
  encode_70k_ms: number;
  decode1_p50_ms: number;
  decode1_p99_ms: number;
  grid400_p50_ms: number;
  /** The same dense model as ONNX graphs on onnxruntime (how imported PyTorch models run). */
  onnx_encode_70k_ms: number;
  onnx_decode1_p50_ms: number;
}

export interface BenchOptions {
  /** Backend to measure (default: the usual choice, tfjs-node else wasm else cpu). */
  prefer?: BackendName;
  /** Fewer steps and repeats, for a smoke run (~30 s). */
  quick?: boolean;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const q = opts.quick ?? false;
  const { train, test } = await loadMnist();
  // Shared, so the encode worker reads its share in place.
  const all = new Uint8Array(new SharedArrayBuffer((train.count + test.count) * 784));
  all.set(train.images.subarray(0, train.count * 784));
  all.set(test.images.subarray(0, test.count * 784), train.count * 784);

  const backend = await initBackend(opts.prefer ? { prefer: opts.prefer } : {});
  log(`backend: ${backend}`);
  const dense = trainingSamplesPerSecond(train, { arch: 'dense', steps: q ? 5 : 15, repeats: q ? 1 : 3 });
  log(`dense training on ${backend}: ${dense.toFixed(0)} samples/s`);
  const conv = trainingSamplesPerSecond(train, { arch: 'conv', steps: q ? 2 : 6, repeats: q ? 1 : 3 });
  log(`conv training on ${backend}: ${conv.toFixed(0)} samples/s`);
  const inference = await inferenceLatency(all, train.count + test.count, {
    encodeRepeats: q ? 1 : 3,
    decodeCalls: q ? 100 : 500,
    gridRepeats: q ? 5 : 30,
  });
  log(
    `encode 70k: ${inference.encodeMs.toFixed(0)} ms on two threads (${inference.encodeSingleMs.toFixed(0)} ms on one); decode one point p50 ${inference.decode1P50Ms.toFixed(2)} ms`,
  );

  const onnx = await onnxLatency(all, train.count + test.count, { encodeRepeats: q ? 1 : 3, decodeCalls: q ? 100 : 500 });
  log(`onnxruntime: encode 70k ${onnx.encodeMs.toFixed(0)} ms; decode one point p50 ${onnx.decode1P50Ms.toFixed(3)} ms`);

  let cpuDense = dense;
  let cpuConv = conv;
  if (backend !== 'cpu') {
    await switchBackend('cpu');
    try {
      cpuDense = trainingSamplesPerSecond(train, { arch: 'dense', steps: q ? 1 : 2, repeats: q ? 1 : 3, warmup: 1 });
      log(`dense training on cpu: ${cpuDense.toFixed(1)} samples/s`);
      // A cpu conv step costs about a minute per 256 images (its kernels loop per sample, so samples/s hardly
      // depends on the batch size): one warm-up and one timed step at batch 32 keep the bench within minutes.
      cpuConv = trainingSamplesPerSecond(train, { arch: 'conv', batchSize: q ? 8 : 32, steps: 1, repeats: 1, warmup: 1 });
      log(`conv training on cpu: ${cpuConv.toFixed(1)} samples/s`);
    } finally {
      await switchBackend(backend);
    }
  }
  return {
    backend,
    dense_train_sps: dense,
    cpu_dense_train_sps: cpuDense,
    conv_train_sps: conv,
    cpu_conv_train_sps: cpuConv,
    encode_70k_ms: inference.encodeMs,
    decode1_p50_ms: inference.decode1P50Ms,
    decode1_p99_ms: inference.decode1P99Ms,
    grid400_p50_ms: inference.grid400P50Ms,
    onnx_encode_70k_ms: onnx.encodeMs,
    onnx_decode1_p50_ms: onnx.decode1P50Ms,
  };
}
