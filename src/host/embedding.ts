/** Codes of the whole dataset through one encoder, and the plane the explorer shows them on. */
import type * as tf from '@tensorflow/tfjs';
import type { Embedding } from '../api.js';
import { encodeAll } from '../latent/encode-all.js';
import { LatentPlane } from '../latent/plane.js';
import type { DatasetIndex } from './dataset-index.js';

export interface ModelEmbedding {
  /** `count * d` codes, train then test. */
  codes: Float32Array;
  plane: LatentPlane;
  /** Plane coordinates, `count` each. */
  x: Float32Array;
  y: Float32Array;
}

/** Encodes every image (train then test) and fits the plane to all the codes. */
export function computeEmbedding(encoder: tf.LayersModel, data: DatasetIndex, d: number): ModelEmbedding {
  const { train, test } = data.dataset;
  const codes = new Float32Array(data.count * d);
  codes.set(encodeAll(encoder, train.images, train.count));
  codes.set(encodeAll(encoder, test.images, test.count), train.count * d);
  const plane = new LatentPlane(codes, data.count, d);
  return { codes, plane, ...splitXY(plane.toPlane(codes)) };
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
