/**
 * Convolutional autoencoder. Encoder: one stride-2 3x3 convolution per entry of `filters` (28 -> 14 -> 7 ...),
 * flatten, dense to d. Decoder: dense back to the smallest feature map, one stride-2 transposed convolution per
 * stage back up (the last to a single channel), cropped to 28x28 when the sizes overshoot (three or more stages).
 * Models take and give flat `[n, 784]` images and reshape inside.
 */
import * as tf from '@tensorflow/tfjs';
import type { SymbolicTensor } from '@tensorflow/tfjs';
import { makeAutoencoder } from '../autoencoder.js';
import { LayerSeeds } from '../init.js';
import { PIXELS, denseLayer, finishDecoder, trainableOf } from '../layers.js';
import { reconstructionLoss } from '../losses.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';
import { IMAGE_SIDE } from '../../pure/data/image.js';

const SIDE = IMAGE_SIDE;
const KERNEL = 3;

export function buildConv(config: ModelConfig, seed: number): Autoencoder {
  const { filters, activation, latent } = config;
  if (filters.length === 0) throw new RangeError('a convolutional autoencoder needs at least one filter stage');
  const seeds = new LayerSeeds(seed);
  const conv = (n: number, act: typeof activation) => ({
    filters: n,
    kernelSize: KERNEL,
    strides: 2,
    padding: 'same' as const,
    activation: act,
    kernelInitializer: seeds.glorot(),
  });

  const image = tf.input({ shape: [PIXELS], name: 'image' });
  let h = tf.layers.reshape({ targetShape: [SIDE, SIDE, 1] }).apply(image) as SymbolicTensor;
  let side = SIDE;
  for (const n of filters) {
    h = tf.layers.conv2d(conv(n, activation)).apply(h) as SymbolicTensor;
    side = Math.ceil(side / 2);
  }
  h = tf.layers.flatten().apply(h) as SymbolicTensor;
  const code = denseLayer(latent, 'linear', seeds).apply(h) as SymbolicTensor;
  const encoder = tf.model({ inputs: image, outputs: code, name: 'encoder' });

  const codeIn = tf.input({ shape: [latent], name: 'code' });
  const last = filters[filters.length - 1]!;
  let g = denseLayer(side * side * last, activation, seeds).apply(codeIn) as SymbolicTensor;
  g = tf.layers.reshape({ targetShape: [side, side, last] }).apply(g) as SymbolicTensor;
  for (let i = filters.length - 2; i >= 0; i--) g = tf.layers.conv2dTranspose(conv(filters[i]!, activation)).apply(g) as SymbolicTensor;
  g = tf.layers.conv2dTranspose(conv(1, 'linear')).apply(g) as SymbolicTensor;
  const over = side * 2 ** filters.length - SIDE;
  if (over > 0) {
    const before = Math.floor(over / 2);
    g = tf.layers
      .cropping2D({
        cropping: [
          [before, over - before],
          [before, over - before],
        ],
      })
      .apply(g) as SymbolicTensor;
  }
  g = tf.layers.reshape({ targetShape: [PIXELS] }).apply(g) as SymbolicTensor;
  const dec = finishDecoder(codeIn, g, 'sigmoid');

  return makeAutoencoder({
    config,
    encoder,
    decoder: dec.model,
    extra: [dec.preOutput],
    trainableVariables: trainableOf(encoder, dec.model),
    loss(x, training) {
      const z = encoder.apply(x, { training }) as tf.Tensor;
      return reconstructionLoss(config.loss, 'sigmoid', x, dec.preOutput.apply(z, { training }) as tf.Tensor);
    },
  });
}
