/** Codes of the whole dataset through one encoder, and the plane the explorer shows them on. */
import type * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, type Embedding } from '../pure/api/api.js';
import { encodeAll } from '../latent/encode-all.js';
import { LatentPlane } from '../pure/latent/plane.js';
import type { DatasetIndex } from '../data/dataset-index.js';

export interface ModelEmbedding {
  /** `count * d` codes, train then test. */
  codes: Float32Array;
  plane: LatentPlane;
  /** Plane coordinates, `count` each. */
  x: Float32Array;
  y: Float32Array;
}

/** Images encoded between two yields: ~50 ms of work on wasm for a mid-size dense encoder. */
const CHUNK = 4_096;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Encodes every image (train then test) and fits the plane to all the codes. Encoding 70,000 images takes
 * seconds on wasm, so it yields between chunks: other requests (decode while dragging) are answered meanwhile.
 */
export async function computeEmbedding(encoder: tf.LayersModel, data: DatasetIndex, d: number): Promise<ModelEmbedding> {
  const codes = new Float32Array(data.count * d);
  for (const [set, offset] of [
    [data.dataset.train, 0],
    [data.dataset.test, data.trainCount],
  ] as const) {
    for (let start = 0; start < set.count; start += CHUNK) {
      const n = Math.min(CHUNK, set.count - start);
      codes.set(encodeAll(encoder, set.images.subarray(start * IMAGE_PIXELS, (start + n) * IMAGE_PIXELS), n), (offset + start) * d);
      await yieldToEventLoop();
    }
  }
  return embeddingFromCodes(codes, data.count, d);
}

/** The embedding of `count` codes (`count * d`, train then test): fits the plane to them. */
export function embeddingFromCodes(codes: Float32Array, count: number, d: number): ModelEmbedding {
  const plane = new LatentPlane(codes, count, d);
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
  return { runId, x: e.x, y: e.y, labels: data.labels, trainCount: data.trainCount, dims: e.plane.d, projected: e.plane.projected };
}
