/**
 * Linear autoencoder: no activation anywhere, trained on its raw linear output. With MSE its decoder spans
 * the same subspace as the top-d principal components (Baldi & Hornik 1989). The stock decoder clips to 0..1
 * so that it decodes to valid pixels; the loss does not see the clip.
 */
import type * as tf from '@tensorflow/tfjs';
import { makeAutoencoder } from '../autoencoder.js';
import { LayerSeeds } from '../init.js';
import { buildDenseDecoder, buildDenseEncoder, trainableOf } from '../layers.js';
import { reconstructionLoss } from '../losses.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';

export function buildLinear(config: ModelConfig, seed: number): Autoencoder {
  const seeds = new LayerSeeds(seed);
  const enc = buildDenseEncoder(config.hidden, config.latent, 'linear', 'linear', seeds);
  const dec = buildDenseDecoder(config.hidden, config.latent, 'linear', 'clip', seeds);
  return makeAutoencoder({
    config,
    encoder: enc.model,
    decoder: dec.model,
    extra: [dec.preOutput],
    trainableVariables: trainableOf(enc.model, dec.model),
    loss(x, training) {
      const z = enc.model.apply(x, { training }) as tf.Tensor;
      return reconstructionLoss(config.loss, 'clip', x, dec.preOutput.apply(z, { training }) as tf.Tensor);
    },
  });
}
