/**
 * `BatchMatMul` and `_FusedMatMul` for wasm that never take TF.js 4.22's scalar loop for transposed operands.
 *
 * The stock kernels send `transposeA`/`transposeB` (every dense-layer gradient: `dy @ W^T`, `x^T @ dy`) to a
 * blocked scalar loop at ~1-2 GFLOP/s, while untransposed batch-1 products go to XNNPACK at ~29 GFLOP/s.
 * Transposing the operand first costs one pass over it, then the product runs untransposed.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { captureStock, free, runStock, swapLastTwo, type Info } from './kernel-utils.js';

interface Args {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}

/**
 * `a @ b^T` as `(b @ a^T)^T` when `b` is the large operand (a layer's weights in `dy @ W^T`): XNNPACK packs the
 * right-hand operand of every product, and since Adam gives the weights new values every step, `b` would be
 * transposed and packed anew each time; this way only the small `a` is. 10-20 % less time for the dense model's
 * `dy @ W^T` products at batches 32-256 (784x512 at 128: 5.98 -> 5.08 ms, fresh weights each call).
 */
function largeRightTransposed(backend: BackendWasm, a: Info, b: Info): Info | null {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape.at(-2)!;
  const batches = a.shape.slice(0, -2).reduce((x, y) => x * y, 1) * b.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  // Worth it while packing b (n*k values) costs more than the two transposes of the small operands (m*k + m*n).
  if (batches !== 1 || 2 * n * k < m * k + m * n) return null;
  const at = swapLastTwo(backend, a);
  const product = runStock('BatchMatMul', backend, { a: b, b: at }, { transposeA: false, transposeB: false });
  const out = swapLastTwo(backend, product);
  free(backend, at, product);
  return out;
}

function untransposed(kernel: string, { inputs, backend, attrs }: Args): Info {
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  if (!transposeA && !transposeB) return runStock(kernel, backend, inputs, attrs);
  if (kernel === 'BatchMatMul' && transposeB && !transposeA) {
    const out = largeRightTransposed(backend, inputs.a!, inputs.b!);
    if (out) return out;
  }
  const temps: Info[] = [];
  const a = transposeA ? swapLastTwo(backend, inputs.a!) : inputs.a!;
  if (transposeA) temps.push(a);
  const b = transposeB ? swapLastTwo(backend, inputs.b!) : inputs.b!;
  if (transposeB) temps.push(b);
  const out = runStock(kernel, backend, { ...inputs, a, b }, { ...attrs, transposeA: false, transposeB: false });
  free(backend, ...temps);
  return out;
}

function config(kernelName: string): tf.KernelConfig {
  const original = captureStock(kernelName);
  if (!original) throw new Error(`stock wasm kernel ${kernelName} is missing`);
  return {
    kernelName,
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: ((args: Args) => untransposed(kernelName, args)) as unknown as tf.KernelFunc,
  };
}

/** Replacement configs for `BatchMatMul` and `_FusedMatMul` (fused bias and activation still applied by the stock kernel). */
export function matMulConfigs(): tf.KernelConfig[] {
  return [config('BatchMatMul'), config('_FusedMatMul')];
}
