/** Trainable parameters of a model from its config alone (no TF.js), so listings can show them without loading. */
import { IMAGE_PIXELS, IMAGE_SIDE } from '../data/image.js';
import type { ModelConfig } from './types.js';

const KERNEL = 3;

/** Weights and biases of a chain of dense layers through `sizes`. */
function chain(sizes: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < sizes.length; i++) n += sizes[i - 1]! * sizes[i]! + sizes[i]!;
  return n;
}

/** Trainable parameters (weights and biases, encoder and decoder; tied kernels counted once). */
export function paramCount(config: Pick<ModelConfig, 'arch' | 'latent' | 'hidden' | 'filters'>): number {
  const { arch, latent, hidden, filters } = config;
  const encoderSizes = [IMAGE_PIXELS, ...hidden, latent];
  const decoderSizes = [...encoderSizes].reverse();
  switch (arch) {
    case 'conv': {
      let n = 0;
      let channels = 1;
      let side = IMAGE_SIDE;
      for (const f of filters) {
        n += KERNEL * KERNEL * channels * f + f;
        channels = f;
        side = Math.ceil(side / 2);
      }
      const flat = side * side * channels;
      n += flat * latent + latent; // code
      n += latent * flat + flat; // back to the smallest feature map
      for (let i = filters.length - 2; i >= 0; i--) n += KERNEL * KERNEL * filters[i + 1]! * filters[i]! + filters[i]!;
      return n + KERNEL * KERNEL * (filters[0] ?? 1) + 1;
    }
    case 'vae': {
      const last = hidden.at(-1) ?? IMAGE_PIXELS;
      return chain([IMAGE_PIXELS, ...hidden]) + 2 * (last * latent + latent) + chain(decoderSizes);
    }
    case 'tied':
      // Decoder kernels are the encoder's, transposed: only its biases are its own.
      return chain(encoderSizes) + decoderSizes.slice(1).reduce((a, b) => a + b, 0);
    default:
      return chain(encoderSizes) + chain(decoderSizes);
  }
}

/** `785k`, `1.6M`, `8,240`: a parameter count for a label. */
export function formatParams(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return n.toLocaleString('en-US');
}
