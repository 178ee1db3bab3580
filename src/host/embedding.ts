/** Codes of the whole dataset through one encoder, and the plane the explorer shows them on. */
import type * as tf from '@tensorflow/tfjs';
import type { Embedding } from '../pure/api/api.js';
import { LatentPlane } from '../pure/latent/plane.js';
import { fitPlane, fitPlaneYielding } from '../latent/plane-fit.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import { createDatasetEncoder, type DatasetEncoder } from './dataset-encoder.js';

export interface ModelEmbedding {
  /** `count * d` codes, train then test. */
  codes: Float32Array;
  plane: LatentPlane;
  /** Plane coordinates, `count` each. */
  x: Float32Array;
  y: Float32Array;
}

/** Encodes on this thread only, yielding between chunks (no worker is ever started for it). */
const ONE_THREAD = createDatasetEncoder({ oneThread: true });

/**
 * Encodes every image (train then test) and fits the plane to all the codes. Encoding 70,000 images takes
 * seconds on wasm, so it yields between chunks: other requests (decode while dragging) are answered meanwhile.
 * With `threads` (the session's encoder) the work is shared with the encode worker; without, one thread.
 */
export async function computeEmbedding(
  encoder: tf.LayersModel,
  data: DatasetIndex,
  d: number,
  threads: DatasetEncoder = ONE_THREAD,
): Promise<ModelEmbedding> {
  return embeddingOfCodes(await threads.encode(encoder, data, d), data.count, d);
}

/** The embedding of `count` codes (`count * d`, train then test): fits the plane to them. */
export function embeddingFromCodes(codes: Float32Array, count: number, d: number): ModelEmbedding {
  const plane = fitPlane(codes, count, d);
  return { codes, plane, ...splitXY(plane.toPlane(codes)) };
}

/** `embeddingFromCodes` letting other requests through while a plane of many dimensions is fitted. */
export async function embeddingOfCodes(codes: Float32Array, count: number, d: number): Promise<ModelEmbedding> {
  const plane = await fitPlaneYielding(codes, count, d);
  return { codes, plane, ...splitXY(plane.toPlane(codes)) };
}

/** The plane for d <= 2, which needs no codes (the latent space itself); null when it must be fitted. */
export function fixedPlane(d: number): LatentPlane | null {
  return d <= 2 ? new LatentPlane(new Float32Array(0), 0, d) : null;
}

/** Interleaved x, y pairs to two columns. */
export function splitXY(points: Float32Array): { x: Float32Array; y: Float32Array } {
  const n = points.length / 2;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = points[2 * i];
    y[i] = points[2 * i + 1];
  }
  return { x, y };
}

/** The API's view of an embedding. */
export function toApiEmbedding(runId: string, e: ModelEmbedding, data: DatasetIndex): Embedding {
  return {
    runId,
    x: e.x,
    y: e.y,
    labels: data.labels,
    trainCount: data.trainCount,
    dims: e.plane.d,
    projected: e.plane.projected,
    ...(data.summary.noImages ? { noImages: data.summary.noImages } : {}),
  };
}
