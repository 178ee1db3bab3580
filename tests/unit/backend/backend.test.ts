import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { currentBackend, initBackend, switchBackend } from '../../../src/model/backend.js';
import { registerWasmKernels } from '../../../src/model/wasm-kernels/index.js';

// tests/setup.ts starts on wasm unless TEST_BACKEND says otherwise.
const onWasm = (process.env.TEST_BACKEND ?? 'wasm') === 'wasm';

describe('backend choice', () => {
  it('initBackend() resolves to the backend running every op, and stays put on later calls', async () => {
    const first = await initBackend({ prefer: 'wasm' });
    expect(first).toBe(currentBackend());
    expect(await initBackend({ prefer: 'cpu' })).toBe(first);
    expect(tf.getBackend()).toBe(first === 'tfjs-node' ? 'tensorflow' : first);
  });

  it.runIf(onWasm)('runs on wasm here, where tfjs-node is not installed, with our kernels registered', () => {
    expect(currentBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it.runIf(onWasm)('switchBackend moves to cpu and back, and wasm still trains conv layers afterwards', async () => {
    expect(await switchBackend('cpu')).toBe('cpu');
    expect(currentBackend()).toBe('cpu');
    expect(await switchBackend('wasm')).toBe('wasm');
    registerWasmKernels();
    const x = tf.ones([1, 6, 6, 1]) as tf.Tensor4D;
    const f = tf.ones([3, 3, 1, 2]) as tf.Tensor4D;
    const df = tf.grad((ff: tf.Tensor) => tf.conv2d(x, ff as tf.Tensor4D, 1, 'valid').sum())(f);
    // Every filter tap sees 4x4 ones in a 6x6 input with a 3x3 valid window.
    expect(Array.from(df.dataSync())).toEqual(new Array(18).fill(16));
    tf.dispose([x, f, df]);
  });
});
