/**
 * Embeddings and dataset images as the explorer's views fetch them: one request per run (cached, since the
 * compare view and the explorer ask for the same codes), images in one request per batch.
 */
import type { Embedding, ExplorerApi } from '../../../src/pure/api/api.js';

const cache = new Map<string, Promise<Embedding>>();

/** The embedding of `runId` (the open run when null); a failed fetch is forgotten so a retry asks again. */
export function loadEmbedding(api: ExplorerApi, runId: string | null): Promise<Embedding> {
  const key = runId ?? '';
  let hit = cache.get(key);
  if (!hit) {
    hit = api.embedding(runId ? { runId } : undefined);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

/** Drop a cached embedding (it was retrained or updated). */
export function forgetEmbedding(runId: string | null): void {
  cache.delete(runId ?? '');
}

/** `indices.length * 784` grey bytes of dataset images. */
export function imageFetcher(
  api: ExplorerApi,
  /** The run whose dataset the images come from (the current run when absent or null). */
  runId?: () => string | null,
): (indices: Uint32Array<ArrayBuffer>) => Promise<Uint8Array> {
  return (indices) => api.images({ indices, runId: runId?.() ?? undefined }).then((r) => r.images);
}

/**
 * An embedding with the points of a partial update (`indices` with their new `x`, `y`) written over a copy
 * of `base`: training streams a subset of codes each epoch, and the map moves without refetching 70k points.
 */
export function patchEmbedding(base: Embedding, update: Pick<Embedding, 'x' | 'y'> & { indices: Uint32Array }): Embedding {
  const x = Float32Array.from(base.x),
    y = Float32Array.from(base.y);
  update.indices.forEach((i, k) => {
    if (i < x.length) {
      x[i] = update.x[k];
      y[i] = update.y[k];
    }
  });
  return { ...base, x, y };
}
