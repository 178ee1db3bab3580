import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { worthTransposingForward } from '../../../src/model/wasm-kernels/matmul.js';
import { expectWasmMatchesCpu, seeded, wasmDataIds } from './compare.js';

describe('wasm BatchMatMul and _FusedMatMul replacements', () => {
  it('runs on the wasm backend with our kernel registered', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBeDefined();
  });

  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`matMul(a, b, ${ta}, ${tb}) equals the cpu backend's`, async () => {
      const a = seeded(ta ? [37, 19] : [19, 37], 1);
      const b = seeded(tb ? [23, 37] : [37, 23], 2);
      await expectWasmMatchesCpu((x, y) => tf.matMul(x!, y!, ta, tb), [a, b]);
    });
  }

  it('batched and broadcast matMul with transposes equals the cpu backend', async () => {
    await expectWasmMatchesCpu((x, y) => tf.matMul(x!, y!, true, true), [seeded([3, 7, 5], 3), seeded([1, 4, 7], 4)]);
  });

  it('fused matMul keeps bias and relu/sigmoid right with transposed operands', async () => {
    for (const activation of ['relu', 'sigmoid', 'linear'] as const) {
      await expectWasmMatchesCpu(
        (x, w, bias) => tf.fused.matMul({ a: x!, b: w!, transposeA: true, transposeB: true, bias: bias!, activation }),
        [seeded([31, 8], 5), seeded([12, 31], 6), seeded([12], 7)],
      );
    }
  });

  it("training's forward product, taken as (W^T x^T)^T, equals the cpu backend's, fused with bias and each activation", async () => {
    const inputs = [seeded([8, 64], 14), seeded([64, 48], 15), seeded([48], 16), seeded([48], 17)];
    // Inside a tape, as in training: the forward values (squared, so that they are not summed away) and the gradient.
    const recorded =
      (f: (...xs: tf.Tensor[]) => tf.Tensor) =>
      (...xs: tf.Tensor[]): tf.Tensor[] => {
        const { value, grad } = tf.valueAndGrad((x: tf.Tensor) =>
          f(x, ...xs.slice(1))
            .square()
            .sum(),
        )(xs[0]!);
        return [value, grad];
      };
    for (const activation of ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const) {
      const product = (x: tf.Tensor, w?: tf.Tensor, bias?: tf.Tensor, slopes?: tf.Tensor) =>
        tf.fused.matMul({
          a: x as tf.Tensor2D,
          b: w as tf.Tensor2D,
          bias,
          activation,
          leakyreluAlpha: 0.3,
          ...(activation === 'prelu' ? { preluActivationWeights: slopes } : {}),
        });
      await expectWasmMatchesCpu(product, inputs);
      await expectWasmMatchesCpu(recorded(product), inputs);
    }
    await expectWasmMatchesCpu(
      recorded((x, w) => tf.matMul(x, w!)),
      inputs.slice(0, 2),
    );
    await expectWasmMatchesCpu(
      recorded((x, w) => tf.matMul(x.reshape([1, 8, 64]), w!)),
      inputs.slice(0, 2),
    );
  });

  it('takes that way only while a tape records, and only when x is thin next to the weights', () => {
    const [x, w] = [{ shape: [8, 64] }, { shape: [64, 48] }] as tf.TensorInfo[];
    expect(worthTransposingForward(x!, w!, true)).toBe(true);
    expect(worthTransposingForward(x!, w!, false)).toBe(false);
    expect(worthTransposingForward({ shape: [13, 64] } as tf.TensorInfo, w!, true)).toBe(false);
    expect(worthTransposingForward({ shape: [2, 8, 64] } as tf.TensorInfo, w!, true)).toBe(false);
    expect(worthTransposingForward({ shape: [1, 8, 64] } as tf.TensorInfo, w!, true)).toBe(true);
  });

  it('dense-layer gradients (x^T dy, dy W^T) equal the cpu backend', async () => {
    const grads = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.fused
          .matMul({ a: xx as tf.Tensor2D, b: ww as tf.Tensor2D, bias: bb, activation: 'relu' })
          .square()
          .sum(),
      )([x, w, b]);
    await expectWasmMatchesCpu(grads, [seeded([64, 100], 8), seeded([100, 30], 9), seeded([30], 10)]);
    // A small batch and large weights: dy W^T is taken as (W dy^T)^T, so the weights are not packed.
    await expectWasmMatchesCpu(grads, [seeded([8, 200], 11), seeded([200, 150], 12), seeded([150], 13)]);
  });

  it('frees every intermediate buffer and leaks no tensor', () => {
    const a = tf.randomNormal([16, 9]);
    const b = tf.randomNormal([16, 9]);
    tf.tidy(() => tf.matMul(a, b, true, false));
    const tensors = tf.memory().numTensors;
    const ids = wasmDataIds();
    tf.tidy(() => {
      tf.matMul(a, b, true, false).dataSync();
      tf.matMul(a, b, false, true).dataSync();
      tf.matMul(a.slice([0, 0], [2, 9]), b, false, true).dataSync();
      tf.grad((x: tf.Tensor) => tf.matMul(x, tf.transpose(a)).sum())(b.slice([0, 0], [2, 9])).dataSync();
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(ids);
    tf.dispose([a, b]);
  });
});
