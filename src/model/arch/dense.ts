/** Dense autoencoder: `784 -> hidden -> d -> reversed(hidden) -> 784`, sigmoid output. */
import type * as tf from '@tensorflow/tfjs';
import { makeAutoencoder } from '../autoencoder.js';
import { denseLossGradients, type DenseStage } from '../dense-gradient.js';
import { LayerSeeds } from '../init.js';
import { buildDenseDecoder, buildDenseEncoder, codeActivationOf, denseVariables, trainableOf, type DenseLayer } from '../layers.js';
import { reconstructionLoss } from '../losses.js';
import type { Activation, ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';

/** The layers as stages of the hand-written gradient, the decoder's last one giving the logits. */
function stagesOf(encoder: DenseLayer[], decoder: DenseLayer[], config: ModelConfig): DenseStage[] {
  const activations: Activation[] = [
    ...encoder.map((_, i) => (i < encoder.length - 1 ? config.activation : codeActivationOf(config))),
    ...decoder.map((_, i) => (i < decoder.length - 1 ? config.activation : 'linear')),
  ];
  return [...encoder, ...decoder].map((layer, i) => ({ ...denseVariables(layer), activation: activations[i]! }));
}

/**
 * Builds a dense autoencoder. `corrupt`, when given, replaces the input during training only (the denoising
 * variant); the target stays the clean image.
 */
export function buildDense(config: ModelConfig, seed: number, corrupt?: (x: tf.Tensor2D) => tf.Tensor2D): Autoencoder {
  const seeds = new LayerSeeds(seed);
  const enc = buildDenseEncoder(config.hidden, config.latent, config.activation, codeActivationOf(config), seeds);
  const dec = buildDenseDecoder(config.hidden, config.latent, config.activation, 'sigmoid', seeds);
  const trainableVariables = trainableOf(enc.model, dec.model);
  const stages = stagesOf(enc.layers, dec.layers, config);
  // The gradients come back in stage order, which must be the optimizer's order of the variables.
  if (stages.flatMap((s) => [s.kernel, s.bias]).some((v, i) => v !== trainableVariables[i]))
    throw new Error('buildDense: the layers and the trainable variables are in different orders');
  return makeAutoencoder({
    config,
    encoder: enc.model,
    decoder: dec.model,
    extra: [dec.preOutput],
    trainableVariables,
    loss(x, training) {
      const input = training && corrupt ? corrupt(x) : x;
      const z = enc.model.apply(input, { training }) as tf.Tensor;
      return reconstructionLoss(config.loss, 'sigmoid', x, dec.preOutput.apply(z, { training }) as tf.Tensor);
    },
    gradient(x) {
      const input = corrupt ? corrupt(x) : x;
      try {
        return denseLossGradients(stages, config.loss, input, x);
      } finally {
        if (input !== x) input.dispose();
      }
    },
  });
}
