/**
 * `Transpose` for wasm: (batched) matrix transposes of 4-byte values by a wasm SIMD kernel (transpose.wat) run
 * directly on the backend's heap, four by four.
 *
 * TF.js 4.22's wasm kernel walks the input row by row and writes the output one float at a time with a stride of
 * the input's row count; when that stride is a multiple of 128 floats the writes collide in the same cache sets,
 * and a [512, 784] transpose took 3.7 ms where a [784, 512] one took 0.29 ms (5.6 against 0.4 ns a value).
 * Training transposes exactly such shapes every step (a batch of 128 or 256 activations, 512 hidden units, and
 * the weights of the forward products in matmul.ts). A first replacement in JS, eight input rows at a time, ran
 * at 0.8-1.0 ns a value on one machine and 1.35-1.8 on another; the SIMD kernel runs at 0.25-0.5 there, on every
 * shape. Other transposes (more axes moved, other types) go to the stock kernel.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { captureStock, runStock, type Info } from './kernel-utils.js';
import { wasmModule } from './transpose-wasm.js';

/**
 * Output rows per sweep over the input's rows: eight keeps the output lines a sweep writes in cache until they
 * are full (0.24-0.47 ns a value on the shapes training transposes; 0.3-1.0 with 64).
 */
const TILE = 8;

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

type TransposeExport = (src: number, dst: number, rows: number, cols: number, tile: number) => void;
type Transpose = (src: number, dst: number, rows: number, cols: number) => void;

const instances = new WeakMap<WebAssembly.Memory, Transpose | null>();

/**
 * The SIMD transpose working on `memory` (compiled once, instantiated once per memory): it writes the transpose
 * of the `rows x cols` matrix at byte address `src` to `dst` (`cols x rows`). Null when it cannot run there (a
 * shared memory, as the threaded wasm build would have): the stock kernel is used then.
 */
export function transposeOn(memory: WebAssembly.Memory): Transpose | null {
  let run = instances.get(memory);
  if (run === undefined) {
    try {
      const raw = new WebAssembly.Instance(wasmModule(), { env: { memory } }).exports.transpose as TransposeExport;
      run = (src, dst, rows, cols) => raw(src, dst, rows, cols, TILE);
    } catch {
      run = null;
    }
    instances.set(memory, run);
  }
  return run;
}

/** The wasm backend's heap: its Emscripten module's memory (null if a future build hides it: stock kernel then). */
function heapOf(backend: BackendWasm): WebAssembly.Memory | null {
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
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
  const heap = plan && (x.dtype === 'float32' || x.dtype === 'int32') ? heapOf(backend) : null;
  const run = heap && transposeOn(heap);
  if (!plan || !run) return runStock('Transpose', backend, inputs, attrs);
  const out = backend.makeOutput(
    perm.map((axis) => x.shape[axis]!),
    x.dtype,
  );
  // Byte addresses on the heap: they stay when makeOutput grows it.
  const src = backend.typedArrayFromHeap(x).byteOffset;
  const dst = backend.typedArrayFromHeap(out).byteOffset;
  const bytes = plan.rows * plan.cols * 4;
  for (let b = 0; b < plan.batch; b++) run(src + b * bytes, dst + b * bytes, plan.rows, plan.cols);
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
