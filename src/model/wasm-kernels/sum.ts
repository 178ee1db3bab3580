/**
 * `Sum` for wasm over leading axes (a bias's gradient: a batch's rows summed per column) through our transpose.
 *
 * TF.js 4.22's wasm kernel moves the summed axes last before reducing, with its own transpose kernel called
 * directly, not through the registry: the stock transpose, whose strided writes collide in the cache when the row
 * count is a multiple of 128 (transpose.ts). The dense model's six bias gradients at batch 128 took 1.3 ms a step
 * that way. Here the same transpose goes to our kernel and the same stock reduction follows, so the sums are the
 * stock kernel's bit for bit.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { captureStock, free, reshape, runStock, transpose, type Info } from './kernel-utils.js';

interface Args {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}

/**
 * How many leading axes `axis` names, in order (0, 1, ...), or 0 when it names anything else, all axes or none.
 * In order, since the stock kernel sums the axes in the order given, and other orders add in another order.
 */
export function leadingAxes(axis: number | number[] | undefined, rank: number): number {
  if (axis === undefined) return 0;
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
  if (axes.length === 0 || axes.length >= rank) return 0;
  return axes.every((a, i) => a === i) ? axes.length : 0;
}

function sum({ inputs, backend, attrs }: Args): Info {
  const x = inputs.x!;
  const { axis, keepDims } = attrs as { axis: number | number[]; keepDims: boolean };
  const lead = x.dtype === 'float32' ? leadingAxes(axis, x.shape.length) : 0;
  if (lead === 0) return runStock('Sum', backend, inputs, attrs);
  const rows = x.shape.slice(0, lead).reduce((p, d) => p * d, 1);
  const kept = x.shape.slice(lead);
  const cols = kept.reduce((p, d) => p * d, 1);
  const matrix = reshape(backend, x, [rows, cols]);
  const columns = transpose(backend, matrix, [1, 0]);
  const sums = runStock('Sum', backend, { x: columns }, { axis: [1], keepDims: false });
  const out = reshape(backend, sums, keepDims ? [...x.shape.slice(0, lead).map(() => 1), ...kept] : kept);
  free(backend, matrix, columns, sums);
  return out;
}

/** The replacement config for `Sum` (the stock setup function binds the wasm export the reduction uses). */
export function sumConfig(): tf.KernelConfig {
  const original = captureStock('Sum');
  if (!original) throw new Error('stock wasm kernel Sum is missing');
  return { kernelName: 'Sum', backendName: 'wasm', setupFunc: original.setupFunc, kernelFunc: sum as unknown as tf.KernelFunc };
}
