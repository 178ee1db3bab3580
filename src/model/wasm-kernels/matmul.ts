/**
 * `BatchMatMul` and `_FusedMatMul` for wasm that never take TF.js 4.22's scalar loop for transposed operands.
 *
 * The stock kernels send `transposeA`/`transposeB` (every dense-layer gradient: `dy @ W^T`, `x^T @ dy`) to a
 * blocked scalar loop at ~1-2 GFLOP/s, while untransposed batch-1 products go to XNNPACK at ~29 GFLOP/s.
 * Transposing the operand first costs one pass over it, then the product runs untransposed. Products with a large
 * right-hand operand XNNPACK would pack anew (weights Adam has just replaced) are turned around so that it packs the
 * small operand instead.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { captureStock, free, runStock, swapLastTwo, type Info } from './kernel-utils.js';

interface Args {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}

/** Matrices in a batched operand: the product of its dimensions before the last two. */
function batches(x: Info): number {
  return x.shape.slice(0, -2).reduce((p, d) => p * d, 1);
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
  // Worth it while packing b (n*k values) costs more than the two transposes of the small operands (m*k + m*n).
  if (batches(a) * batches(b) !== 1 || 2 * n * k < m * k + m * n) return null;
  const at = swapLastTwo(backend, a);
  const product = runStock('BatchMatMul', backend, { a: b, b: at }, { transposeA: false, transposeB: false });
  const out = swapLastTwo(backend, product);
  free(backend, at, product);
  return out;
}

/**
 * Whether `a @ b` (`[m, k] x [k, n]`, batch dimensions of 1 allowed, no transposes) should run as
 * `(b^T @ a^T)^T`: while a gradient tape records (training's forward pass, whose weights Adam has just replaced,
 * so XNNPACK has never packed them) and when `a` has at most a quarter as many rows as `b` has rows and columns.
 * Measured with new weights (ms, stock against transposed): 784x512 at m = 32/64/128/256: 3.0/1.9, 4.0/3.0,
 * 6.0/5.5, 9.8/9.9; 512x128 at m = 32/64/128: 0.48/0.45, 0.64/0.65, 0.93/1.17. Inference keeps the stock
 * product, which finds the weights packed from the first call on, and so gives the same bits on every call.
 */
export function worthTransposingForward(a: Info, b: Info, recording: boolean): boolean {
  if (!recording || batches(a) !== 1 || batches(b) !== 1) return false;
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape.at(-1)!;
  return 4 * m <= Math.min(n, k);
}

let freshWeightsDepth = 0;

/**
 * Runs `fn` as a training forward pass, whose weights Adam has just replaced, when no tape records it (the
 * hand-written dense gradient, src/model/dense-gradient.ts): its products are taken as a recorded pass's are.
 */
export function withFreshWeights<T>(fn: () => T): T {
  freshWeightsDepth++;
  try {
    return fn();
  } finally {
    freshWeightsDepth--;
  }
}

/** Whether the kernels run now are training's forward pass: a gradient tape records, or {@link withFreshWeights}. */
function trainingForward(): boolean {
  return freshWeightsDepth > 0 || (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
}

/**
 * `a @ b (+ bias)` as `(b^T @ a^T)^T` in training's forward pass (see {@link worthTransposingForward}),
 * whose weights Adam replaces every step. XNNPACK packs the right-hand operand into a new
 * operator for every new tensor (an allocation and ~3 ns a value); our transpose takes ~0.9 ns a value and only
 * the small `a^T` is packed. The default dense model's gradient at batch 64 (a two-thread share of 128) took
 * 15.6-16.8 ms with the stock product and 13.4-14.5 ms this way.
 * Null when the product does not qualify (then the stock kernel runs).
 */
function forwardTransposed(backend: BackendWasm, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): Info | null {
  const a = inputs.a!;
  const b = inputs.b!;
  // TF.js fuses no other activation while a tape records (it applies them as ops of their own).
  if ((attrs.activation ?? 'linear') !== 'linear') return null;
  if (!worthTransposingForward(a, b, trainingForward())) return null;
  const bt = swapLastTwo(backend, b);
  const at = swapLastTwo(backend, a);
  const product = runStock('BatchMatMul', backend, { a: bt, b: at }, { transposeA: false, transposeB: false });
  let out = swapLastTwo(backend, product);
  free(backend, bt, at, product);
  if (inputs.bias) {
    const biased = runStock('Add', backend, { a: out, b: inputs.bias });
    free(backend, out);
    out = biased;
  }
  return out;
}

function untransposed(kernel: string, { inputs, backend, attrs }: Args): Info {
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  if (!transposeA && !transposeB) return forwardTransposed(backend, inputs, attrs) ?? runStock(kernel, backend, inputs, attrs);
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
