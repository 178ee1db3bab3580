/** One entry point from a {@link ModelConfig} to a trainable {@link Autoencoder}. */
import { buildContractive } from './arch/contractive.js';
import { buildConv } from './arch/conv.js';
import { buildDense } from './arch/dense.js';
import { buildDenoising } from './arch/denoising.js';
import { buildLinear } from './arch/linear.js';
import { buildTied } from './arch/tied.js';
import { buildVae } from './arch/vae.js';
import type { Arch, ModelConfig } from '../pure/model/types.js';
import type { Autoencoder } from './types.js';

const builders: Record<Arch, (config: ModelConfig, seed: number) => Autoencoder> = {
  dense: (c, s) => buildDense(c, s),
  conv: buildConv,
  denoising: buildDenoising,
  vae: buildVae,
  tied: buildTied,
  linear: buildLinear,
  contractive: buildContractive,
};

/**
 * Builds the autoencoder a config describes. The same config and seed give the same initial weights (and the
 * same noise stream for denoising and VAE models).
 */
export function buildAutoencoder(config: ModelConfig, seed = 0): Autoencoder {
  if (!Number.isInteger(config.latent) || config.latent < 1)
    throw new RangeError(`latent size must be a positive integer, got ${config.latent}`);
  return builders[config.arch](config, seed);
}
