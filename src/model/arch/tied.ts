/**
 * Tied-weights autoencoder: each decoder layer's kernel is the transpose of its mirror encoder layer's kernel;
 * only the decoder biases are its own. Training uses the encoder kernels directly; the stock decoder model
 * keeps its own kernel copies, refreshed from the encoder by `sync()`.
 */
import * as tf from '@tensorflow/tfjs';
import { makeAutoencoder } from '../autoencoder.js';
import { LayerSeeds } from '../init.js';
import { activate, buildDenseDecoder, buildDenseEncoder, codeActivationOf, denseVariables, trainableOf } from '../layers.js';
import { reconstructionLoss } from '../losses.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';

export function buildTied(config: ModelConfig, seed: number): Autoencoder {
  const seeds = new LayerSeeds(seed);
  const enc = buildDenseEncoder(config.hidden, config.latent, config.activation, codeActivationOf(config), seeds);
  const dec = buildDenseDecoder(config.hidden, config.latent, config.activation, 'sigmoid', seeds);
  // Decoder layer i mirrors encoder layer K-1-i.
  const pairs = dec.layers.map((layer, i) => ({
    encoder: denseVariables(enc.layers[enc.layers.length - 1 - i]!),
    decoder: denseVariables(layer),
  }));
  const sync = () => {
    for (const { encoder, decoder } of pairs) decoder.kernel.assign(tf.transpose(encoder.kernel));
  };
  tf.tidy(sync);
  return makeAutoencoder({
    config,
    encoder: enc.model,
    decoder: dec.model,
    extra: [dec.preOutput],
    trainableVariables: [...trainableOf(enc.model), ...pairs.map((p) => p.decoder.bias)],
    loss(x, training) {
      let h = enc.model.apply(x, { training }) as tf.Tensor2D;
      pairs.forEach(({ encoder, decoder }, i) => {
        const a = tf.add(tf.matMul(h, encoder.kernel, false, true), decoder.bias) as tf.Tensor2D;
        h = i < pairs.length - 1 ? (activate(config.activation, a) as tf.Tensor2D) : a;
      });
      return reconstructionLoss(config.loss, 'sigmoid', x, h);
    },
    sync,
  });
}
