/** Inference latency of the explorer's hot paths: encode the whole dataset, decode one point, decode a grid. */
import { buildAutoencoder } from '../model/build.js';
import { defaultConfig } from '../model/presets.js';
import { decodeCodes, encodeAll, gridPoints } from '../latent/index.js';
import { median, quantile, timeMs } from './stats.js';

export interface InferenceResult {
  /** Median ms to encode all images. */
  encodeMs: number;
  decode1P50Ms: number;
  decode1P99Ms: number;
  /** Median ms to decode a 20x20 grid (400 points). */
  grid400P50Ms: number;
}

export interface InferenceOptions {
  encodeRepeats: number;
  decodeCalls: number;
  gridRepeats: number;
}

/** Times the dense default model (784-512-128-2) on the current backend; `images` are `count * 784` bytes. */
export function inferenceLatency(images: Uint8Array, count: number, opts: InferenceOptions): InferenceResult {
  const ae = buildAutoencoder(defaultConfig('dense'), 1);
  try {
    encodeAll(ae.encoder, images, Math.min(count, 4096));
    const encodeMs = median(Array.from({ length: opts.encodeRepeats }, () => timeMs(() => encodeAll(ae.encoder, images, count))));

    const point = new Float32Array(2);
    decodeCodes(ae.decoder, point, 2);
    const decodes = Array.from({ length: opts.decodeCalls }, (_, i) => {
      point[0] = Math.sin(i) * 3;
      point[1] = Math.cos(i * 1.7) * 3;
      return timeMs(() => decodeCodes(ae.decoder, point, 2));
    });

    const grid = gridPoints(-3, 3, -3, 3, 20);
    decodeCodes(ae.decoder, grid, 2);
    const grids = Array.from({ length: opts.gridRepeats }, () => timeMs(() => decodeCodes(ae.decoder, grid, 2)));
    return {
      encodeMs,
      decode1P50Ms: quantile(decodes, 0.5),
      decode1P99Ms: quantile(decodes, 0.99),
      grid400P50Ms: median(grids),
    };
  } finally {
    ae.dispose();
  }
}
