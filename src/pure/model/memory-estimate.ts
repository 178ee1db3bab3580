/**
 * A rough upper estimate of the memory one training run needs, so a config the machine cannot hold is refused
 * with a figure before it allocates gigabytes. Counted in float32s: every weight four times (value, gradient and
 * Adam's two moments), the activations of a batch three times (forward values, their gradients, temporaries),
 * and the training images as float32s. Conv layers count their feature maps; a contractive model's Jacobian
 * penalty costs another activation pass per code unit, bounded here by the code size times the batch's widths.
 */
import type { ModelConfig } from './types.js';

const PIXELS = 784;
const SIDE = 28;
const F32 = 4;

export interface MemoryEstimate {
  /** Trainable numbers. */
  params: number;
  /** Estimated peak bytes of the training run. */
  bytes: number;
}

/** Units of each dense layer, input to output, encoder then decoder. */
function denseWidths(config: ModelConfig): number[] {
  const enc = [PIXELS, ...config.hidden, config.latent * (config.arch === 'vae' ? 2 : 1)];
  const dec = [config.latent, ...[...config.hidden].reverse(), PIXELS];
  return [...enc, ...dec];
}

function denseParams(config: ModelConfig): number {
  const pairs = (sizes: number[]) => sizes.slice(1).reduce((n, out, i) => n + sizes[i]! * out + out, 0);
  const enc = [PIXELS, ...config.hidden, config.latent];
  const dec = [config.latent, ...[...config.hidden].reverse(), PIXELS];
  const vaeHead = config.arch === 'vae' ? (config.hidden.at(-1) ?? PIXELS) * config.latent + config.latent : 0;
  const decoder = config.arch === 'tied' ? dec.length * 16 : pairs(dec);
  return pairs(enc) + decoder + vaeHead;
}

function convParts(config: ModelConfig): { params: number; activations: number } {
  let side = SIDE;
  let channels = 1;
  let params = 0;
  let activations = PIXELS;
  for (const filters of config.filters) {
    params += 3 * 3 * channels * filters + filters;
    side = Math.ceil(side / 2);
    channels = filters;
    activations += side * side * filters;
  }
  const flat = side * side * channels;
  params += 2 * (flat * config.latent + config.latent + flat);
  // The decoder mirrors the encoder's feature maps.
  return { params: 2 * params, activations: 2 * activations + config.latent };
}

/** Estimated peak memory of training `config` on `trainImages` images. */
export function estimateTrainingMemory(config: ModelConfig & { batchSize: number }, trainImages: number): MemoryEstimate {
  const conv = config.arch === 'conv' ? convParts(config) : null;
  const params = conv ? conv.params : denseParams(config);
  const widths = conv ? conv.activations : denseWidths(config).reduce((a, b) => a + b, 0);
  const jacobian = config.arch === 'contractive' ? config.latent : 1;
  const activations = config.batchSize * widths * 3 * jacobian;
  const bytes = (params * 4 + activations + trainImages * PIXELS) * F32;
  return { params, bytes };
}

/** `5.5 GB`, `730 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${Math.round(bytes / 1e6)} MB`;
}
