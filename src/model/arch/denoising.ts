/**
 * Denoising autoencoder: a dense autoencoder that sees corrupted inputs while training and must reconstruct
 * the clean image. `dropout` zeroes each pixel with probability `level` (the course's masking noise, without
 * rescaling); `gaussian` adds N(0, level^2) and clips to 0..1.
 */
import * as tf from '@tensorflow/tfjs';
import { NoiseSource } from '../noise.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';
import { buildDense } from './dense.js';

export function buildDenoising(config: ModelConfig, seed: number): Autoencoder {
  const noise = new NoiseSource(seed);
  const { kind, level } = config.noise;
  const ae = buildDense(config, seed, (x) => {
    const [rows, cols] = x.shape;
    if (kind === 'dropout') return tf.mul(x, noise.keepMask(rows, cols, level));
    return tf.clipByValue(tf.add(x, tf.mul(noise.normal(rows, cols), level)), 0, 1);
  });
  return Object.assign(ae, { noise });
}
