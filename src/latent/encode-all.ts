import type * as tf from '@tensorflow/tfjs';
import { DEFAULT_BATCH, applyInto, forEachImageBatch, outputWidth } from './batching.js';

export interface EncodeOptions {
  /** Images per inference batch (default 2048). */
  batchSize?: number;
  /** Pixel scale after 0..1 (a dropout-masked input of a denoiser trained with rescale: 1/(1 - p)). Default 1. */
  inputScale?: number;
}

/**
 * Latent codes of `count` byte images (`count * 784` bytes, 0..255) through `encoder` (for a VAE, the mean).
 * @returns `count * d` floats, row-major.
 */
export function encodeAll(encoder: tf.LayersModel, images: Uint8Array, count: number, opts: EncodeOptions = {}): Float32Array {
  const d = outputWidth(encoder);
  const codes = new Float32Array(count * d);
  forEachImageBatch(images, count, opts.batchSize ?? DEFAULT_BATCH, (x, start) => applyInto(encoder, x, codes, start, d), opts.inputScale);
  return codes;
}
