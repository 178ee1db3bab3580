/**
 * The whole benchmark in one process: training throughput on the chosen backend and on cpu (the reference the
 * targets are stated against), then inference latency on the chosen backend.
 */
import { loadMnist } from '../data/mnist.js';
import { initBackend, switchBackend, type BackendName } from '../model/backend.js';
import { inferenceLatency } from './inference.js';
import { onnxLatency } from './onnx.js';
import { DEFAULT_PRESET_ID, PRESETS } from '../pure/model/presets.js';
import { allCoreThreads } from '../workers/parallel/stepper.js';
import { timeToGoodMap } from './good-map.js';
import { matmulScaling, splitCeiling } from '../workers/scaling-probe/scaling.js';
import { median } from './stats.js';
import { trainingSamplesPerSecond } from './training.js';

/** The `--json` record; key names are part of the CLI contract. */
export interface BenchResult {
  backend: BackendName;
  /** Training threads of the all-core figures (data-parallel; 1 on tfjs-node, whose kernels use every core). */
  train_threads: number;
  /** All cores. */
  dense_train_sps: number;
  /** One thread, measured alternately with the all-core figure. */
  dense_train_sps_1t: number;
  cpu_dense_train_sps: number;
  conv_train_sps: number;
  conv_train_sps_1t: number;
  cpu_conv_train_sps: number;
  /**
   * Two threads' throughput of the dense step's matrix products over one thread's, each thread running all of
   * them: the most any split of a dense step can gain from the second core here (null on tfjs-node).
   */
  matmul_scaling: number | null;
  /**
   * The one-thread dense step's time over two threads' time for their halves' gradients alone, in lockstep (no
   * exchange, no Adam): the most data-parallel dense training can gain from the second core here, each thread
   * paying the per-step costs that do not shrink with the batch (null on tfjs-node).
   */
  dense_split_ceiling: number | null;
  /** Peak resident memory of the process while training the default dense model on all cores (peers included). */
  train_peak_rss_mb: number;
  encode_70k_ms: number;
  decode1_p50_ms: number;
  decode1_p99_ms: number;
  grid400_p50_ms: number;
  /** The same dense model as ONNX graphs on onnxruntime (how imported PyTorch models run). */
  onnx_encode_70k_ms: number;
  onnx_decode1_p50_ms: number;
  /** `--long` only: seconds to the first epoch whose 2-D test codes reach 5-NN 0.80, default preset, all cores. */
  time_to_good_map_s?: number | null;
  good_map_epoch?: number | null;
}

export interface BenchOptions {
  /** Backend to measure (default: the usual choice, tfjs-node else wasm else cpu). */
  prefer?: BackendName;
  /** Fewer steps and repeats, for a smoke run (~30 s). */
  quick?: boolean;
  /** Also train the default preset until its map is good (`time_to_good_map_s`; minutes). */
  long?: boolean;
  /** Progress lines (to stderr in the CLI). */
  log?: (line: string) => void;
}

export async function runBench(opts: BenchOptions = {}): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const q = opts.quick ?? false;
  const mnist = await loadMnist();
  const { train, test } = mnist;
  // Shared, so the encode worker reads its share in place.
  const all = new Uint8Array(new SharedArrayBuffer((train.count + test.count) * 784));
  all.set(train.images.subarray(0, train.count * 784));
  all.set(test.images.subarray(0, test.count * 784), train.count * 784);

  const backend = await initBackend(opts.prefer ? { prefer: opts.prefer } : {});
  log(`backend: ${backend}`);
  const threads = backend === 'tfjs-node' ? 1 : allCoreThreads();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  // One thread and all cores alternately, so a change in the machine's load touches both alike.
  const pair = async (arch: 'dense' | 'conv', steps: number) => {
    const one: number[] = [];
    const all: number[] = [];
    for (let r = 0; r < (q ? 1 : 3); r++) {
      one.push(await trainingSamplesPerSecond(train, { arch, steps, repeats: 1 }));
      all.push(await trainingSamplesPerSecond(train, { arch, steps, repeats: 1, threads }));
    }
    return { one: median(one), all: median(all) };
  };
  const dense = await pair('dense', q ? 5 : 15);
  const trainPeakRss = peakRss;
  clearInterval(sampler);
  log(`dense training on ${backend}: ${dense.all.toFixed(0)} samples/s on ${threads} threads, ${dense.one.toFixed(0)} on one`);
  const conv = await pair('conv', q ? 2 : 6);
  log(`conv training on ${backend}: ${conv.all.toFixed(0)} samples/s on ${threads} threads, ${conv.one.toFixed(0)} on one`);
  const scaling = backend === 'tfjs-node' ? null : median(await matmulScaling(backend, { repeats: q ? 1 : 3, seconds: q ? 1 : 3 }));
  if (scaling !== null) log(`matrix products, two threads over one: ${scaling.toFixed(2)}x`);
  const ceiling =
    backend === 'tfjs-node'
      ? null
      : median(await splitCeiling(backend, { images: train.images, batch: 256, repeats: q ? 1 : 5, steps: q ? 3 : 15 }));
  if (ceiling !== null) log(`dense step split on two threads, at most: ${ceiling.toFixed(2)}x one`);
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

  let cpuDense = dense.one;
  let cpuConv = conv.one;
  if (backend !== 'cpu') {
    await switchBackend('cpu');
    try {
      cpuDense = await trainingSamplesPerSecond(train, { arch: 'dense', steps: q ? 1 : 2, repeats: q ? 1 : 3, warmup: 1 });
      log(`dense training on cpu: ${cpuDense.toFixed(1)} samples/s`);
      // A cpu conv step costs about a minute per 256 images (its kernels loop per sample, so samples/s hardly
      // depends on the batch size): one warm-up and one timed step at batch 32 keep the bench within minutes.
      cpuConv = await trainingSamplesPerSecond(train, { arch: 'conv', batchSize: q ? 8 : 32, steps: 1, repeats: 1, warmup: 1 });
      log(`conv training on cpu: ${cpuConv.toFixed(1)} samples/s`);
    } finally {
      await switchBackend(backend);
    }
  }
  let goodMap: Pick<BenchResult, 'time_to_good_map_s' | 'good_map_epoch'> = {};
  if (opts.long) {
    const preset = PRESETS.find((p) => p.id === DEFAULT_PRESET_ID)!.config;
    // On the threads the app trains the default model on (trainThreads: all cores on wasm), the wall
    // time a user waits.
    const r = await timeToGoodMap(mnist, preset, { log });
    goodMap = { time_to_good_map_s: r.seconds, good_map_epoch: r.epoch };
    log(`good map (5-NN 0.80): ${r.seconds === null ? 'not reached' : `${r.seconds.toFixed(1)} s, epoch ${r.epoch}`}`);
  }
  return {
    backend,
    train_threads: threads,
    dense_train_sps: dense.all,
    dense_train_sps_1t: dense.one,
    cpu_dense_train_sps: cpuDense,
    conv_train_sps: conv.all,
    conv_train_sps_1t: conv.one,
    cpu_conv_train_sps: cpuConv,
    matmul_scaling: scaling,
    dense_split_ceiling: ceiling,
    train_peak_rss_mb: trainPeakRss / 2 ** 20,
    encode_70k_ms: inference.encodeMs,
    decode1_p50_ms: inference.decode1P50Ms,
    decode1_p99_ms: inference.decode1P99Ms,
    grid400_p50_ms: inference.grid400P50Ms,
    onnx_encode_70k_ms: onnx.encodeMs,
    onnx_decode1_p50_ms: onnx.decode1P50Ms,
    ...goodMap,
  };
}
