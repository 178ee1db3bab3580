/**
 * Small helpers for writing wasm kernels out of other wasm kernels. Kernels run below the engine, so every
 * intermediate result is a bare `TensorInfo` that must be freed with {@link free}, never a `tf.Tensor`.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type Info = tf.TensorInfo;
export type Attrs = tf.NamedAttrMap;

/** The wasm kernels as TF.js 4.22 ships them, captured before we replace any. */
const stock = new Map<string, tf.KernelConfig>();

/** Remembers the stock kernel `name` (once), so a replacement can still delegate to it. */
export function captureStock(name: string): tf.KernelConfig | undefined {
  if (!stock.has(name)) {
    const config = tf.getKernel(name, 'wasm');
    if (config) stock.set(name, config);
  }
  return stock.get(name);
}

/** Runs the stock wasm kernel `name`, bypassing any replacement of ours. */
export function runStock(name: string, backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: Attrs = {}): Info {
  const config = stock.get(name) ?? tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`wasm kernel ${name} is not registered`);
  return config.kernelFunc({ inputs, backend, attrs }) as Info;
}

/** Runs whichever wasm kernel is registered for `name` now (ours if we replaced it). */
export function run(name: string, backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: Attrs = {}): Info {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`wasm kernel ${name} is not registered`);
  return config.kernelFunc({ inputs, backend, attrs }) as Info;
}

/** Frees an intermediate result made inside a kernel. */
export function free(backend: BackendWasm, ...infos: Info[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A view of `x` with another shape (shares memory; free it like any intermediate). */
export function reshape(backend: BackendWasm, x: Info, shape: number[]): Info {
  return run('Reshape', backend, { x }, { shape });
}

/** `x` with its axes permuted. */
export function transpose(backend: BackendWasm, x: Info, perm: number[]): Info {
  return run('Transpose', backend, { x }, { perm });
}

/** `x` with its last two axes swapped. */
export function swapLastTwo(backend: BackendWasm, x: Info): Info {
  const r = x.shape.length;
  const perm = x.shape.map((_, i) => i);
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return transpose(backend, x, perm);
}

/** Plain `a @ b` for rank-2 operands on the fast path (`[m, k] x [k, n] -> [m, n]`). */
export function matMul2d(backend: BackendWasm, a: Info, b: Info): Info {
  const a3 = reshape(backend, a, [1, a.shape[0]!, a.shape[1]!]);
  const b3 = reshape(backend, b, [1, b.shape[0]!, b.shape[1]!]);
  const out3 = runStock('BatchMatMul', backend, { a: a3, b: b3 }, { transposeA: false, transposeB: false });
  free(backend, a3, b3);
  const out = reshape(backend, out3, [a.shape[0]!, b.shape[1]!]);
  free(backend, out3);
  return out;
}
