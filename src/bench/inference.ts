/** Inference latency of the explorer's hot paths: encode the whole dataset, decode one point, decode a grid. */
import { buildAutoencoder } from '../model/build.js';
import { defaultConfig } from '../pure/model/presets.js';
import { decodeCodes, encodeAll, gridPoints } from '../latent/index.js';
import { EncodePool } from '../workers/encode/pool.js';
import { median, quantile, timeMs } from './stats.js';

export interface InferenceResult {
  /** Median ms to encode all images on two threads (the calling one and a warm encode worker). */
  encodeMs: number;
  /** Median ms to encode all images on the calling thread alone. */
  encodeSingleMs: number;
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

/**
 * Times the dense default model (784-512-128-2) on the current backend; `images` are `count * 784` bytes
 * (SharedArrayBuffer-backed, so the encode worker reads them in place).
 */
export async function inferenceLatency(images: Uint8Array, count: number, opts: InferenceOptions): Promise<InferenceResult> {
  const ae = buildAutoencoder(defaultConfig('dense'), 1);
  let pool: EncodePool | undefined;
  try {
    encodeAll(ae.encoder, images, Math.min(count, 4096));
    const encodeSingleMs = median(Array.from({ length: opts.encodeRepeats }, () => timeMs(() => encodeAll(ae.encoder, images, count))));
    // As a running app has it: the worker started and the model sent (and warmed) before timing.
    pool = await EncodePool.start();
    await pool.encodeAll(ae.encoder, images, Math.min(count, 8192));
    const parallel: number[] = [];
    for (let r = 0; r < opts.encodeRepeats; r++) {
      const t0 = performance.now();
      await pool.encodeAll(ae.encoder, images, count);
      parallel.push(performance.now() - t0);
    }
    const encodeMs = median(parallel);

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
      encodeSingleMs,
      decode1P50Ms: quantile(decodes, 0.5),
      decode1P99Ms: quantile(decodes, 0.99),
      grid400P50Ms: median(grids),
    };
  } finally {
    await pool?.dispose();
    ae.dispose();
  }
}
