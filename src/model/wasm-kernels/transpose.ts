/**
 * `Transpose` for wasm that does not slow down 5-10x on power-of-two row counts.
 *
 * TF.js 4.22's wasm kernel walks the input row by row and writes the output with a stride of the input's row
 * count; when that stride is a multiple of 128 floats the writes collide in the same cache sets, and a
 * [512, 784] transpose takes 3.7 ms where a [784, 512] one takes 0.29 ms (5.6 against 0.4 ns a value). Training
 * transposes exactly such shapes every step (a batch of 128 or 256 activations, 512 hidden units), so a
 * dense step at batch 256 spent about 9 ms here (CPU profile, 11 %). This kernel takes those shapes in JS on the
 * wasm heap, eight input rows at a time so that the writes are eight consecutive floats: 0.8-1.0 ns a value.
 * Other shapes go to the stock kernel, which is faster for them.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { captureStock, runStock, type Info } from './kernel-utils.js';

/** Rows of the input (the output's stride) from which the stock kernel's writes collide (multiples of this). */
const CONFLICT_STRIDE = 128;
/** Output columns handled per sweep over eight input rows: their destination lines stay in cache. */
const TILE = 64;

/** A transpose that is `batch` independent `rows x cols` matrix transposes, once size-1 axes are dropped. */
export interface SwapPlan {
  batch: number;
  rows: number;
  cols: number;
}

/** The plan for transposing `shape` by `perm`, or null when it is not a (batched) matrix transpose. */
export function swapPlan(shape: readonly number[], perm: readonly number[]): SwapPlan | null {
  const kept = perm.filter((axis) => shape[axis] !== 1);
  const dims = shape.filter((d) => d !== 1);
  // Renumber the kept axes 0..n-1 in their input order.
  const order = [...kept].sort((a, b) => a - b);
  const reduced = kept.map((axis) => order.indexOf(axis));
  if (reduced.length === 2 && reduced[0] === 1) return { batch: 1, rows: dims[0]!, cols: dims[1]! };
  if (reduced.length === 3 && reduced[0] === 0 && reduced[1] === 2) return { batch: dims[0]!, rows: dims[1]!, cols: dims[2]! };
  return null;
}

/** Writes the transpose of the `rows x cols` matrix at `src[from..]` to `dst[from..]` (`cols x rows`). */
export function transposeMatrix(
  src: Float32Array | Int32Array,
  dst: Float32Array | Int32Array,
  rows: number,
  cols: number,
  from = 0,
): void {
  const rows8 = rows - (rows % 8);
  for (let j0 = 0; j0 < cols; j0 += TILE) {
    const j1 = Math.min(cols, j0 + TILE);
    for (let i = 0; i < rows8; i += 8) {
      const s0 = from + i * cols;
      for (let j = j0; j < j1; j++) {
        const d = from + j * rows + i;
        let s = s0 + j;
        dst[d] = src[s]!;
        s += cols;
        dst[d + 1] = src[s]!;
        s += cols;
        dst[d + 2] = src[s]!;
        s += cols;
        dst[d + 3] = src[s]!;
        s += cols;
        dst[d + 4] = src[s]!;
        s += cols;
        dst[d + 5] = src[s]!;
        s += cols;
        dst[d + 6] = src[s]!;
        s += cols;
        dst[d + 7] = src[s]!;
      }
    }
    for (let i = rows8; i < rows; i++) for (let j = j0; j < j1; j++) dst[from + j * rows + i] = src[from + i * cols + j]!;
  }
}

interface Args {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}

function transpose({ inputs, backend, attrs }: Args): Info {
  const x = inputs.x!;
  const perm = attrs.perm as number[];
  const plan = swapPlan(x.shape, perm);
  if (!plan || plan.rows % CONFLICT_STRIDE !== 0 || (x.dtype !== 'float32' && x.dtype !== 'int32')) {
    return runStock('Transpose', backend, inputs, attrs);
  }
  const out = backend.makeOutput(
    perm.map((axis) => x.shape[axis]!),
    x.dtype,
  );
  // Views taken after makeOutput: allocating may grow the wasm memory, which detaches older views.
  const src = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
  const size = plan.rows * plan.cols;
  for (let b = 0; b < plan.batch; b++) transposeMatrix(src, dst, plan.rows, plan.cols, b * size);
  return out;
}

/** The replacement config for `Transpose` (the stock setup function binds the wasm export it falls back to). */
export function transposeConfig(): tf.KernelConfig {
  const original = captureStock('Transpose');
  if (!original) throw new Error('stock wasm kernel Transpose is missing');
  return {
    kernelName: 'Transpose',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: transpose as unknown as tf.KernelFunc,
  };
}
