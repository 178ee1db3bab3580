/**
 * The wasm `Sum` over leading axes (bias gradients) through our transpose: the stock kernel's sums bit for bit,
 * every other reduction left to the stock kernel, no buffer left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { captureStock } from '../../../src/model/wasm-kernels/kernel-utils.js';
import { leadingAxes } from '../../../src/model/wasm-kernels/sum.js';
import { seeded, wasmDataIds } from './compare.js';

/** `tf.sum` on wasm with our kernel, then with the stock one, as plain arrays and shapes. */
async function oursAndStock(shape: number[], axis: number | number[], keepDims = false, dtype: 'float32' | 'int32' = 'float32') {
  await tf.setBackend('wasm');
  const { values } = seeded(shape, shape.length * 7 + 1);
  const x = tf.tensor(dtype === 'int32' ? Int32Array.from(values, (v) => Math.round(v * 100)) : values, shape, dtype);
  const run = () => {
    const before = wasmDataIds();
    const y = tf.sum(x, axis, keepDims);
    const out = { shape: y.shape, values: Array.from(y.dataSync()) };
    y.dispose();
    expect(wasmDataIds()).toBe(before);
    return out;
  };
  const ours = run();
  const mine = tf.getKernel('Sum', 'wasm')!;
  tf.unregisterKernel('Sum', 'wasm');
  tf.registerKernel(captureStock('Sum')!);
  try {
    return { ours, stock: run() };
  } finally {
    tf.unregisterKernel('Sum', 'wasm');
    tf.registerKernel(mine);
    x.dispose();
  }
}

describe('wasm Sum over leading axes', () => {
  const cases: [number[], number | number[], boolean][] = [
    [[128, 784], 0, false],
    [[256, 512], [0], true],
    [[13, 7], -2, false],
    [[4, 6, 6, 8], [0, 1, 2], false],
    [[4, 6, 6, 8], [0, 1, 2], true],
    [[5, 3, 9], [0, 1], false],
  ];
  for (const [shape, axis, keepDims] of cases)
    it(`[${shape}] over ${JSON.stringify(axis)}${keepDims ? ', keeping dims' : ''}: the stock sums, bit for bit`, async () => {
      const { ours, stock } = await oursAndStock(shape, axis, keepDims);
      expect(ours.shape).toEqual(stock.shape);
      expect(ours.values).toEqual(stock.values);
    });

  it('leaves other reductions to the stock kernel, with the stock results', async () => {
    const others: [number[], number | number[], 'float32' | 'int32'][] = [
      [[6, 10], 1, 'float32'],
      [[6, 10], [0, 1], 'float32'],
      [[4, 5, 6], [0, 2], 'float32'],
      [[8, 16], 0, 'int32'],
      [[4, 6, 6, 8], [2, 0, 1], 'float32'],
    ];
    for (const [shape, axis, dtype] of others) {
      const { ours, stock } = await oursAndStock(shape, axis, false, dtype);
      expect(ours).toEqual(stock);
    }
  });

  it('names the leading axes it takes', () => {
    expect(leadingAxes(0, 2)).toBe(1);
    expect(leadingAxes([-4, -3, -2], 4)).toBe(3);
    expect(leadingAxes([1, 0], 3)).toBe(0);
    expect(leadingAxes([0, 0], 3)).toBe(0);
    expect(leadingAxes([0, 1], 2)).toBe(0);
    expect(leadingAxes([1], 2)).toBe(0);
    expect(leadingAxes([0, 2], 3)).toBe(0);
    expect(leadingAxes([], 3)).toBe(0);
    expect(leadingAxes(undefined, 3)).toBe(0);
  });
});
