import { describe, expect, it } from 'vitest';
import type { Embedding } from '../../../src/pure/api/api.js';
import { patchEmbedding } from '../../../renderer/lib/explorer/embeddings.js';

describe('patchEmbedding', () => {
  const base: Embedding = Object.freeze({
    runId: 'r',
    x: Float32Array.of(0, 1, 2, 3),
    y: Float32Array.of(4, 5, 6, 7),
    labels: Uint8Array.of(0, 1, 2, 3),
    trainCount: 3,
    dims: 2,
    projected: false,
  });

  it('patchEmbedding writes the updated points over a copy and keeps the rest', () => {
    const out = patchEmbedding(base, { indices: Uint32Array.of(3, 1), x: Float32Array.of(30, 10), y: Float32Array.of(70, 50) });
    expect([...out.x]).toEqual([0, 10, 2, 30]);
    expect([...out.y]).toEqual([4, 50, 6, 70]);
    expect(out.labels).toBe(base.labels);
    expect([...base.x]).toEqual([0, 1, 2, 3]);
  });

  it('patchEmbedding ignores indices past the embedding', () => {
    const out = patchEmbedding(base, { indices: Uint32Array.of(9), x: Float32Array.of(1), y: Float32Array.of(1) });
    expect([...out.x]).toEqual([0, 1, 2, 3]);
  });
});
