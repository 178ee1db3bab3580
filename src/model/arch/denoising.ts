/**
 * Denoising autoencoder: a dense autoencoder that sees corrupted inputs while training and must reconstruct
 * the clean image. `dropout` zeroes each pixel with probability `level` (the masking noise of Vincent et al.),
 * and with `rescale` multiplies the kept ones by 1/(1 - level) as a Keras `Dropout` layer on the input does (the
 * course's over-complete denoiser); `gaussian` adds N(0, level^2) and clips to 0..1.
 */
import * as tf from '@tensorflow/tfjs';
import { NoiseSource } from '../noise.js';
import type { ModelConfig } from '../../pure/model/types.js';
import { dropoutScale } from '../../pure/model/noise.js';
import type { Autoencoder } from '../types.js';
import { buildDense } from './dense.js';

/** The training-time input corruption of `config.noise`, drawn from `noise` (a seed makes a fresh source): each call draws new noise. */
export function makeCorruptor(noiseConfig: ModelConfig['noise'], noise: NoiseSource | number): (x: tf.Tensor2D) => tf.Tensor2D {
  if (typeof noise === 'number') noise = new NoiseSource(noise);
  const { kind, level } = noiseConfig;
  const keepScale = dropoutScale(noiseConfig);
  return (x) => {
    const [rows, cols] = x.shape;
    if (kind === 'dropout')
      return tf.tidy(() => {
        const masked = tf.mul(x, noise.keepMask(rows, cols, level)) as tf.Tensor2D;
        return keepScale === 1 ? masked : (tf.mul(masked, keepScale) as tf.Tensor2D);
      });
    return tf.tidy(() => tf.clipByValue(tf.add(x, tf.mul(noise.normal(rows, cols), level)), 0, 1) as tf.Tensor2D);
  };
}

export function buildDenoising(config: ModelConfig, seed: number): Autoencoder {
  // The noise source is part of the model: a checkpoint keeps its state, so a resumed run draws the same noise.
  const noise = new NoiseSource(seed);
  const ae = buildDense(config, seed, makeCorruptor(config.noise, noise));
  return Object.assign(ae, { noise });
}
