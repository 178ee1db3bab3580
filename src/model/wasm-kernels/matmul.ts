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

function untransposed(kernel: string, { inputs, backend, attrs }: Args): Info {
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  if (!transposeA && !transposeB) return runStock(kernel, backend, inputs, attrs);
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
