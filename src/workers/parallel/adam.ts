/**
 * Adam over the parameters of a data-parallel training, on memory every thread shares: the threads average the
 * shares' gradients and update the parameters chunk by chunk, so the update (a tenth of a dense step when one
 * thread runs TF.js's Adam, ten kernels per variable) is split like the gradient is.
 *
 * The step itself is a small wasm SIMD loop (adam.wat) doing TF.js's float32 operations in TF.js's order, so it
 * equals TF.js's step on the same gradient bit for bit (tests/unit/workers/parallel-adam.test.ts). The same loop
 * in JavaScript took 4.1 ms for half of the default model's parameters, the wasm one 0.45 ms.
 */
import { wasmModule } from './adam-wasm.js';
import { shareOf } from './shares.js';

/** TF.js's Adam defaults (`tf.train.adam(rate)`). */
export const ADAM = { beta1: 0.9, beta2: 0.999 } as const;

/** The per-step numbers every thread uses, as the float32 scalars TF.js would make of them. */
export interface AdamStep {
  learningRate: number;
  /** 1 - beta1^t and 1 - beta2^t, from the optimizer's float32 running products. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  /** The backend's epsilon (1e-7 for float32 backends). */
  epsilon: number;
}

/** The running products after a step: `acc * beta`, rounded as the float32 variables TF.js keeps them in. */
export const nextAccBeta = (accBeta1: number, accBeta2: number) => ({
  accBeta1: Math.fround(accBeta1 * Math.fround(ADAM.beta1)),
  accBeta2: Math.fround(accBeta2 * Math.fround(ADAM.beta2)),
});

/**
 * Where the update's arrays live in the shared memory (byte offsets, 16-byte aligned so the loop reads whole
 * vectors): each rank's table of shares, each rank's gradient, the parameters, Adam's first and second moments.
 * Every array is `stride` long, `total` rounded up to 4; the padding stays 0 (a zero gradient leaves a zero
 * parameter and zero moments), so the last chunk needs no scalar tail.
 */
export interface AdamLayout {
  total: number;
  threads: number;
  stride: number;
  tables: number;
  gradients: number;
  weights: number;
  m: number;
  v: number;
  bytes: number;
}

const PAGE = 65_536;

export function adamLayout(total: number, threads: number): AdamLayout {
  if (!Number.isInteger(total) || total < 1) throw new Error(`adamLayout: ${total} parameters`);
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`adamLayout: ${threads} threads`);
  const stride = Math.ceil(total / 4) * 4;
  const tables = 0;
  const gradients = Math.ceil((threads * threads * 8) / 16) * 16;
  const weights = gradients + threads * stride * 4;
  const m = weights + stride * 4;
  const v = m + stride * 4;
  return { total, threads, stride, tables, gradients, weights, m, v, bytes: v + stride * 4 };
}

/** A shared wasm memory for `layout` (its `buffer` is a SharedArrayBuffer; worker threads receive it in `workerData`). */
export function adamMemory(layout: AdamLayout): WebAssembly.Memory {
  const pages = Math.ceil(layout.bytes / PAGE);
  if (pages > 65_536) throw new Error(`the model's ${layout.total} parameters do not fit the 4 GiB of a wasm memory`);
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
}

/** Float32 views of the update's arrays, each `total` long. */
export interface AdamArrays {
  gradient(rank: number): Float32Array;
  weights: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

export function adamArrays(memory: WebAssembly.Memory, layout: AdamLayout): AdamArrays {
  const view = (offset: number) => new Float32Array(memory.buffer, offset, layout.total);
  return {
    gradient: (rank) => view(layout.gradients + rank * layout.stride * 4),
    weights: view(layout.weights),
    m: view(layout.m),
    v: view(layout.v),
  };
}

/**
 * Parameters per chunk the threads claim. Small enough that the thread whose gradient came in first takes
 * the update's remainder (fixed halves left 1.5-1.8 ms of waiting at each of a dense step's two barriers), large
 * enough that a claim (one atomic add) is nothing beside its 16k updates.
 */
export const ADAM_CHUNK = 16_384;

type AdamExport = (
  table: number,
  shares: number,
  w: number,
  m: number,
  v: number,
  count: number,
  beta1: number,
  beta2: number,
  oneMinusBeta1: number,
  oneMinusBeta2: number,
  oneMinusAccBeta1: number,
  oneMinusAccBeta2: number,
  epsilon: number,
  negativeRate: number,
) => void;

/** One thread's handle on the shared update: its own table of shares, the compiled loop. */
export class AdamKernel {
  private readonly adam: AdamExport;
  private readonly table: DataView;
  private readonly tableAt: number;

  constructor(
    memory: WebAssembly.Memory,
    private readonly layout: AdamLayout,
    rank: number,
  ) {
    this.adam = new WebAssembly.Instance(wasmModule(), { env: { memory } }).exports.adam as AdamExport;
    this.tableAt = layout.tables + rank * layout.threads * 8;
    this.table = new DataView(memory.buffer, this.tableAt, layout.threads * 8);
  }

  /**
   * Averages the shares' gradients of an `n`-image batch over parameters `[from, to)` (each share weighted by
   * its rows, summed in rank order; `from` a multiple of 4) and takes one Adam step there.
   */
  slice(n: number, step: AdamStep, from: number, to: number): void {
    const { layout } = this;
    if (from % 4 !== 0 || from < 0 || to > layout.total || to < from) throw new Error(`AdamKernel.slice: bad range [${from}, ${to})`);
    const at = from * 4;
    let shares = 0;
    for (let rank = 0; rank < layout.threads; rank++) {
      const { start, end } = shareOf(rank, layout.threads, n);
      if (end <= start) continue;
      this.table.setInt32(shares * 8, layout.gradients + rank * layout.stride * 4 + at, true);
      this.table.setFloat32(shares * 8 + 4, (end - start) / n, true);
      shares++;
    }
    const f = Math.fround;
    this.adam(
      this.tableAt,
      shares,
      layout.weights + at,
      layout.m + at,
      layout.v + at,
      // The padding past `total` makes whole vectors of the last run (see AdamLayout).
      Math.ceil((to - from) / 4) * 4,
      f(ADAM.beta1),
      f(ADAM.beta2),
      f(1 - ADAM.beta1),
      f(1 - ADAM.beta2),
      f(step.oneMinusAccBeta1),
      f(step.oneMinusAccBeta2),
      f(step.epsilon),
      f(-step.learningRate),
    );
  }

  /**
   * Takes the Adam step on chunks `claim()` hands out (chunk `c` is parameters `[c * ADAM_CHUNK, ...)`) until it
   * hands out one past the end. Each value's update depends only on its own gradients and moments, so the result
   * does not depend on which thread took which chunk.
   */
  claimed(n: number, step: AdamStep, claim: () => number): void {
    const { total } = this.layout;
    for (;;) {
      const from = claim() * ADAM_CHUNK;
      if (from >= total) return;
      this.slice(n, step, from, Math.min(total, from + ADAM_CHUNK));
    }
  }
}
