/** Dense autoencoder: `784 -> hidden -> d -> reversed(hidden) -> 784`, sigmoid output. */
import type * as tf from '@tensorflow/tfjs';
import { makeAutoencoder } from '../autoencoder.js';
import { LayerSeeds } from '../init.js';
import { buildDenseDecoder, buildDenseEncoder, codeActivationOf, trainableOf } from '../layers.js';
import { reconstructionLoss } from '../losses.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';

/**
 * Builds a dense autoencoder. `corrupt`, when given, replaces the input during training only (the denoising
 * variant); the target stays the clean image.
 */
export function buildDense(config: ModelConfig, seed: number, corrupt?: (x: tf.Tensor2D) => tf.Tensor2D): Autoencoder {
  const seeds = new LayerSeeds(seed);
  const enc = buildDenseEncoder(config.hidden, config.latent, config.activation, codeActivationOf(config), seeds);
  const dec = buildDenseDecoder(config.hidden, config.latent, config.activation, 'sigmoid', seeds);
  return makeAutoencoder({
    config,
    encoder: enc.model,
    decoder: dec.model,
    extra: [dec.preOutput],
    trainableVariables: trainableOf(enc.model, dec.model),
    loss(x, training) {
      const input = training && corrupt ? corrupt(x) : x;
      const z = enc.model.apply(input, { training }) as tf.Tensor;
      return reconstructionLoss(config.loss, 'sigmoid', x, dec.preOutput.apply(z, { training }) as tf.Tensor);
    },
  });
}
