/**
 * Our wasm kernels: faster replacements for stock TF.js 4.22 ones and the gradient kernels wasm lacks.
 * Registered by `initBackend` before the wasm backend initialises, so TF.js calls their setup functions.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';
import { sharingConfigs } from './identity.js';
import { matMulConfigs } from './matmul.js';
import { sumConfig } from './sum.js';
import { transposeConfig } from './transpose.js';

let registered = false;

/**
 * Registers (once) our wasm kernels in place of the stock ones.
 * Safe to call after the wasm backend is running too: setup functions are then run here.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  const configs = [
    ...matMulConfigs(),
    transposeConfig(),
    sumConfig(),
    ...sharingConfigs(),
    conv2DBackpropFilterConfig(),
    conv2DBackpropInputConfig(),
  ];
  for (const config of configs) {
    if (tf.getKernel(config.kernelName, 'wasm')) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
  registered = true;
  const backend = tf.engine().registry['wasm'];
  if (backend) for (const config of configs) config.setupFunc?.(backend);
}

export { withFreshWeights } from './matmul.js';
