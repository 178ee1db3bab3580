import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { captureStock } from '../../../src/model/wasm-kernels/kernel-utils.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';
import { seeded, wasmDataIds } from './compare.js';

const wasm = () => tf.findBackend('wasm') as tf.KernelBackend & { refCount(dataId: object): number };

/** Runs `fn` on the wasm backend, with the stock `Identity` and `Cast` kernels in place of ours when `stock`. */
async function onWasm<T>(fn: () => T, stock = false): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend('wasm');
  const ours = ['Identity', 'Cast'].map((name) => tf.getKernel(name, 'wasm')!);
  if (stock)
    for (const name of ['Identity', 'Cast']) {
      tf.unregisterKernel(name, 'wasm');
      tf.registerKernel(captureStock(name)!);
    }
  try {
    return fn();
  } finally {
    if (stock)
      for (const config of ours) {
        tf.unregisterKernel(config.kernelName, 'wasm');
        tf.registerKernel(config);
      }
    await tf.setBackend(previous);
  }
}

describe('wasm Identity and Cast that share memory', () => {
  it('a clone shares its source data, outlives it, and frees it when the last one goes', async () => {
    await onWasm(() => {
      const before = wasmDataIds();
      const x = tf.tensor(seeded([64, 32], 3).values, [64, 32]);
      const y = tf.clone(x);
      expect(y.dataId).toBe(x.dataId);
      expect(wasm().refCount(x.dataId)).toBe(2);
      expect(wasmDataIds()).toBe(before + 1);
      const want = x.dataSync().slice();
      x.dispose();
      expect(y.dataSync()).toEqual(want);
      y.dispose();
      expect(wasmDataIds()).toBe(before);
    });
  });

  it('a variable assigned after a clone leaves the clone with the old values', async () => {
    await onWasm(() => {
      const v = tf.variable(tf.tensor1d([1, 2, 3]));
      const saved = tf.clone(v);
      v.assign(tf.tensor1d([7, 8, 9]));
      expect(Array.from(saved.dataSync())).toEqual([1, 2, 3]);
      expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
      tf.dispose([v, saved]);
    });
  });

  it('a cast to the same type shares; a real cast and a string clone still convert and copy', async () => {
    await onWasm(() => {
      const before = wasmDataIds();
      const x = tf.tensor1d([1.75, -2.5, 3]);
      const same = tf.cast(x, 'float32');
      expect(same.dataId).toBe(x.dataId);
      const ints = tf.cast(x, 'int32');
      expect(ints.dataId).not.toBe(x.dataId);
      expect(ints.dtype).toBe('int32');
      expect(Array.from(ints.dataSync())).toEqual([1, -2, 3]);
      const words = tf.tensor1d(['a', 'bc'], 'string');
      const wordsCopy = tf.clone(words);
      expect(wordsCopy.dataSync()).toEqual(['a', 'bc']);
      tf.dispose([x, same, ints, words, wordsCopy]);
      expect(wasmDataIds()).toBe(before);
    });
  });

  it("the default dense model's gradient is the stock kernels' bit for bit, with 40 fewer buffers made and none left", async () => {
    const gradient = (stock: boolean) =>
      onWasm(() => {
        const ae = buildAutoencoder(defaultConfig('dense'), 1);
        const x = tf.tensor2d(
          seeded([32, 784], 5).values.map((v) => Math.abs(v)),
          [32, 784],
        );
        const before = wasmDataIds();
        const made = tf.memory().numTensors;
        // Every buffer a kernel allocates goes through makeOutput.
        const backend = wasm() as unknown as { makeOutput: (...args: unknown[]) => unknown };
        const makeOutput = backend.makeOutput;
        let buffers = 0;
        backend.makeOutput = (...args) => (buffers++, makeOutput.apply(backend, args));
        const { value, grads } = tf.variableGrads(() => ae.loss(x, true), ae.trainableVariables);
        backend.makeOutput = makeOutput;
        const values = [value, ...ae.trainableVariables.map((v) => grads[v.name]!)].map((t) => t.dataSync().slice());
        tf.dispose([value, ...Object.values(grads)]);
        expect(tf.memory().numTensors).toBe(made);
        expect(wasmDataIds()).toBe(before);
        tf.dispose(x);
        ae.dispose();
        return { values, buffers };
      }, stock);
    const stock = await gradient(true);
    const ours = await gradient(false);
    expect(ours.values).toEqual(stock.values);
    // The tape's clones of the saved inputs and outputs (42 for this model) and the ReLU gradients' casts.
    expect(stock.buffers - ours.buffers).toBeGreaterThanOrEqual(40);
  });
});
