import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { swapPlan, transposeOn } from '../../../src/model/wasm-kernels/transpose.js';
import { readInto } from '../../../src/model/read-into.js';
import { expectWasmMatchesCpu, seeded, wasmDataIds } from './compare.js';

/** The textbook transpose, the reference for the tiled one. */
function naive(src: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = src[i * cols + j]!;
  return out;
}

describe('wasm Transpose replacement', () => {
  it('plans (batched) matrix transposes once size-1 axes are dropped, and nothing else', () => {
    expect(swapPlan([512, 784], [1, 0])).toEqual({ batch: 1, rows: 512, cols: 784 });
    expect(swapPlan([1, 256, 784], [0, 2, 1])).toEqual({ batch: 1, rows: 256, cols: 784 });
    expect(swapPlan([3, 128, 5], [0, 2, 1])).toEqual({ batch: 3, rows: 128, cols: 5 });
    expect(swapPlan([128, 1, 7], [2, 1, 0])).toEqual({ batch: 1, rows: 128, cols: 7 });
    expect(swapPlan([1, 512], [1, 0])).toBeNull();
    expect(swapPlan([2, 3, 4], [2, 0, 1])).toBeNull();
    expect(swapPlan([2, 3, 4, 5], [0, 1, 3, 2])).toBeNull();
  });

  it('the SIMD transpose equals the textbook one, ragged edges included, and writes nothing outside', () => {
    const memory = new WebAssembly.Memory({ initial: 64 });
    const run = transposeOn(memory)!;
    const heap = new Float32Array(memory.buffer);
    for (const [rows, cols] of [
      [128, 784],
      [131, 67],
      [7, 3],
      [8, 64],
      [256, 65],
      [1, 9],
      [9, 1],
      [4, 4],
    ] as const) {
      const n = rows * cols;
      const src = seeded([rows, cols], rows + cols).values;
      // The output right after the input, with a guard float on each side.
      heap.fill(NaN);
      heap.set(src, 4);
      run(16, (4 + n + 1) * 4, rows, cols);
      expect(heap.subarray(4 + n + 1, 4 + 2 * n + 1)).toEqual(naive(src, rows, cols));
      expect(heap.subarray(4, 4 + n)).toEqual(src);
      expect(heap[4 + n]).toBeNaN();
      expect(heap[4 + 2 * n + 1]).toBeNaN();
    }
  });

  it('is not used on a shared memory, which its module cannot import', () => {
    expect(transposeOn(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }))).toBeNull();
  });

  it('equals the cpu backend on the shapes it takes over and on those it leaves to the stock kernel', async () => {
    const before = wasmDataIds();
    for (const shape of [
      [256, 784],
      [128, 13],
      [1, 512, 784],
      [3, 128, 5],
      [784, 512],
      [2, 3, 4],
    ]) {
      const perm = shape.length === 2 ? [1, 0] : shape[0] === 2 ? [2, 0, 1] : [0, 2, 1];
      await expectWasmMatchesCpu((x) => tf.transpose(x!, perm), [seeded(shape, shape.length)], 1e-12);
    }
    const ints = tf.tensor2d(
      Int32Array.from({ length: 128 * 3 }, (_, i) => i),
      [128, 3],
      'int32',
    );
    const t = tf.transpose(ints);
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync().subarray(0, 3))).toEqual([0, 3, 6]);
    expect(t.shape).toEqual([3, 128]);
    tf.dispose([ints, t]);
    expect(wasmDataIds()).toBe(before);
  });

  it('dense-layer gradients at a batch of 128 (the transposes it takes) equal the cpu backend', async () => {
    await expectWasmMatchesCpu(
      (x, w) => tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.matMul(xx, ww).relu().sum())([x!, w!]),
      [seeded([128, 96], 8), seeded([96, 256], 9)],
    );
  });
});

describe('readInto', () => {
  it('copies a tensor into an array at an offset, as dataSync would', () => {
    const t = tf.tensor1d([1.5, -2, 3]);
    const out = new Float32Array(new SharedArrayBuffer(5 * 4));
    readInto(t, out, 2);
    expect(Array.from(out)).toEqual([0, 0, 1.5, -2, 3]);
    expect(() => readInto(t, out, 3)).toThrow(/do not fit/);
    const ints = tf.tensor1d([1], 'int32');
    expect(() => readInto(ints, out)).toThrow(/float32/);
    tf.dispose([t, ints]);
  });
});
