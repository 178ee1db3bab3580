/**
 * Starting the decoder's output bias at the data's mean image (through the head's inverse: the logit for a
 * sigmoid head). Without it a latent unit is first spent on the mean, which large gradients favour, and hands it
 * to the bias only slowly: a linear autoencoder then misses one principal direction for many epochs.
 */
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from './types.js';

/** Keeps the logit of a mean pixel finite (pixels that are always 0 or 1). */
const MARGIN = 1e-3;

/**
 * Sets the bias of the decoder's last weighted layer from `pixelMean` (784 floats in 0..1): per pixel for a
 * dense output layer, the overall mean for a one-channel transposed convolution.
 */
export function initOutputBias(ae: Autoencoder, pixelMean: Float32Array): void {
  const layers = ae.decoder.layers;
  const sigmoidHead = layers[layers.length - 1]!.getClassName() === 'Activation';
  const output = [...layers].reverse().find((l) => l.getWeights().length > 0);
  if (!output) return;
  // getWeights() hands out the layer's own variables: read them, never dispose them.
  const [kernel, bias] = output.getWeights();
  if (!kernel || !bias) return;
  const size = bias.size;
  const values = new Float32Array(size);
  const mean = size === pixelMean.length ? pixelMean : Float32Array.of(pixelMean.reduce((a, b) => a + b, 0) / pixelMean.length);
  for (let i = 0; i < size; i++) {
    const m = Math.min(1 - MARGIN, Math.max(MARGIN, mean[i]!));
    values[i] = sigmoidHead ? Math.log(m / (1 - m)) : mean[i]!;
  }
  const next = tf.tensor(values, bias.shape);
  output.setWeights([kernel, next]);
  next.dispose();
  ae.sync();
}
