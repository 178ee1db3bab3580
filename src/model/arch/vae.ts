/**
 * Variational autoencoder (Kingma & Welling 2014). The encoder trunk has two heads, `z_mean` and `z_log_var`;
 * the stock `encoder` model outputs the mean only (what the explorer plots), while training samples
 * `z = mean + exp(log_var / 2) * eps` (the reparameterisation trick) and adds `beta * KL`. The `logvar` model
 * (image -> `z_log_var`) is saved with runs, so the KL of each latent dimension can be measured later. The KL sum is divided
 * by 784 so the loss stays on the per-pixel scale of the reconstruction term (the ELBO divided by 784).
 */
import * as tf from '@tensorflow/tfjs';
import type { SymbolicTensor } from '@tensorflow/tfjs';
import { makeAutoencoder } from '../autoencoder.js';
import { LayerSeeds } from '../init.js';
import { PIXELS, buildDenseDecoder, denseLayer, trainableOf } from '../layers.js';
import { gaussianKl, reconstructionLoss } from '../losses.js';
import { NoiseSource } from '../noise.js';
import type { ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';

export function buildVae(config: ModelConfig, seed: number): Autoencoder {
  const seeds = new LayerSeeds(seed);
  const noise = new NoiseSource(seed);
  const input = tf.input({ shape: [PIXELS], name: 'image' });
  let h: SymbolicTensor = input;
  for (const units of config.hidden) h = denseLayer(units, config.activation, seeds).apply(h) as SymbolicTensor;
  const zMean = denseLayer(config.latent, 'linear', seeds, undefined).apply(h) as SymbolicTensor;
  const zLogVar = denseLayer(config.latent, 'linear', seeds, undefined).apply(h) as SymbolicTensor;
  const encoder = tf.model({ inputs: input, outputs: zMean, name: 'encoder' });
  const logVar = tf.model({ inputs: input, outputs: zLogVar, name: 'logvar' });
  const twoHeaded = tf.model({ inputs: input, outputs: [zMean, zLogVar], name: 'encoder_two_headed' });
  const dec = buildDenseDecoder(config.hidden, config.latent, config.activation, 'sigmoid', seeds);
  const ae = makeAutoencoder({
    config,
    encoder,
    decoder: dec.model,
    logVar,
    extra: [twoHeaded, dec.preOutput],
    trainableVariables: trainableOf(twoHeaded, dec.model),
    loss(x, training) {
      const [mean, logVar] = twoHeaded.apply(x, { training }) as [tf.Tensor2D, tf.Tensor2D];
      const z = training ? tf.add(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), noise.normal(x.shape[0], config.latent))) : mean;
      const recon = reconstructionLoss(config.loss, 'sigmoid', x, dec.preOutput.apply(z, { training }) as tf.Tensor);
      return tf.add(recon, tf.mul(gaussianKl(mean, logVar), config.beta / PIXELS));
    },
  });
  return Object.assign(ae, { noise });
}
