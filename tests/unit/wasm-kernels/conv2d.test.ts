import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, seeded, wasmDataIds } from './compare.js';

type Case = { x: number[]; f: number[]; strides: [number, number]; pad: 'same' | 'valid' };

const cases: Case[] = [
  { x: [2, 9, 9, 3], f: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { x: [2, 9, 9, 3], f: [3, 3, 3, 4], strides: [2, 2], pad: 'same' },
  { x: [2, 9, 9, 3], f: [3, 3, 3, 4], strides: [2, 2], pad: 'valid' },
  { x: [3, 28, 28, 1], f: [5, 5, 1, 8], strides: [2, 2], pad: 'same' },
  { x: [2, 8, 7, 5], f: [2, 3, 5, 6], strides: [2, 1], pad: 'valid' },
  { x: [2, 6, 6, 4], f: [1, 1, 4, 3], strides: [1, 1], pad: 'valid' },
  { x: [4, 14, 14, 32], f: [3, 3, 32, 64], strides: [2, 2], pad: 'same' },
  { x: [2, 7, 7, 3], f: [4, 4, 3, 2], strides: [2, 2], pad: 'same' },
  { x: [1, 5, 6, 2], f: [2, 2, 2, 3], strides: [3, 2], pad: 'same' },
];

const title = (c: Case) => `x ${c.x.join('x')}, filter ${c.f.join('x')}, strides ${c.strides.join(',')}, ${c.pad}`;

describe('wasm Conv2DBackpropFilter (missing in TF.js 4.22) and faster Conv2DBackpropInput', () => {
  it('registers both kernels for wasm', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
  });

  for (const c of cases) {
    it(`conv2d gradients (input and filter) equal the cpu backend: ${title(c)}`, async () => {
      const grads = (x: tf.Tensor, f: tf.Tensor) =>
        tf.grads((xx: tf.Tensor, ff: tf.Tensor) =>
          tf
            .conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, c.strides, c.pad)
            .sin()
            .sum(),
        )([x, f]);
      await expectWasmMatchesCpu(grads, [seeded(c.x, 11), seeded(c.f, 12)]);
    });

    it(`conv2dTranspose forward and gradients equal the cpu backend: ${title(c)}`, async () => {
      // The transposed conv maps the conv's output shape back to its input shape, with the same filter.
      const outShape = tf.backend_util.computeConv2DInfo(
        c.x as [number, number, number, number],
        c.f as [number, number, number, number],
        c.strides,
        1,
        c.pad,
      ).outShape;
      const convT = (y: tf.Tensor, f: tf.Tensor) =>
        tf.conv2dTranspose(y as tf.Tensor4D, f as tf.Tensor4D, c.x as [number, number, number, number], c.strides, c.pad);
      await expectWasmMatchesCpu(convT, [seeded(outShape, 13), seeded(c.f, 14)]);
      const grads = (y: tf.Tensor, f: tf.Tensor) => tf.grads((yy: tf.Tensor, ff: tf.Tensor) => convT(yy, ff).cos().sum())([y, f]);
      await expectWasmMatchesCpu(grads, [seeded(outShape, 15), seeded(c.f, 16)]);
    });
  }

  it('frees every intermediate buffer and leaks no tensor', () => {
    const x = tf.randomNormal([2, 9, 9, 3]) as tf.Tensor4D;
    const f = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
    const step = () =>
      tf.tidy(() => {
        const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same').sum())([x, f]);
        dx!.dataSync();
        df!.dataSync();
      });
    step();
    const tensors = tf.memory().numTensors;
    const ids = wasmDataIds();
    step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(ids);
    tf.dispose([x, f]);
  });
});
