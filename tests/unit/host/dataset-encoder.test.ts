import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexDataset, type DatasetIndex } from '../../../src/data/dataset-index.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { createDatasetEncoder } from '../../../src/host/dataset-encoder.js';
import { encodeAll } from '../../../src/latent/index.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import type { Autoencoder } from '../../../src/model/types.js';
import { sliceSet } from '../../../src/pure/data/batches.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';

/** A real MNIST slice, several chunks each side: 9,000 train and 1,500 test images. */
let data: DatasetIndex;
let ae: Autoencoder;
let want: Float32Array;
beforeAll(async () => {
  const mnist = await loadMnist();
  data = indexDataset({ ...mnist, train: sliceSet(mnist.train, 9_000), test: sliceSet(mnist.test, 1_500) });
  ae = buildAutoencoder(defaultConfig('dense'), 11);
  want = new Float32Array(data.count * 2);
  want.set(encodeAll(ae.encoder, data.dataset.train.images, data.trainCount));
  want.set(encodeAll(ae.encoder, data.dataset.test.images, data.dataset.test.count), data.trainCount * 2);
});
afterAll(() => ae.dispose());

const worstDiff = (got: Float32Array) => {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  return worst;
};

describe('the host encodes a dataset on both cores', () => {
  it('gives the one-thread codes (within 1e-4), answers other work meanwhile, and leaves no worker after dispose', async () => {
    const lines: string[] = [];
    const threads = createDatasetEncoder({ log: (l) => lines.push(l) });
    expect(threads.threads).toBe('pending');
    expect(threads.running()).toBe(false);
    // As the host does when a run opens: the worker boots before the run is encoded.
    expect(await threads.start()).toBe(true);
    expect(threads.running()).toBe(true);
    const order: string[] = [];
    const encoding = threads.encode(ae.encoder, data, 2).then((codes) => (order.push('encoded'), codes));
    setImmediate(() => order.push('answered'));
    const codes = await encoding;
    expect(worstDiff(codes)).toBeLessThan(1e-4);
    expect(order).toEqual(['answered', 'encoded']);
    expect(threads.threads).toBe('two');
    expect(threads.running()).toBe(true);
    // A second model (another run opened) and the first again after forget: still the same codes.
    threads.forget(ae.encoder);
    expect(worstDiff(await threads.encode(ae.encoder, data, 2))).toBeLessThan(1e-4);
    await threads.dispose();
    expect(threads.running()).toBe(false);
    expect(lines).toEqual([]);
  });

  it('takes back the chunks of a worker that never answers, and still gives the one-thread codes', async () => {
    const threads = createDatasetEncoder({
      path: fileURLToPath(new URL('../../fixtures/workers/stuck-encode-worker.mjs', import.meta.url)),
      log: () => {},
    });
    expect(await threads.start()).toBe(true);
    expect(worstDiff(await threads.encode(ae.encoder, data, 2))).toBeLessThan(1e-4);
    await threads.dispose();
  });

  it('falls back to one thread with the reason logged once when the worker cannot start', async () => {
    const lines: string[] = [];
    const threads = createDatasetEncoder({ path: '/nonexistent/encode-worker.mjs', log: (l) => lines.push(l) });
    expect(worstDiff(await threads.encode(ae.encoder, data, 2))).toBeLessThan(1e-4);
    expect(worstDiff(await threads.encode(ae.encoder, data, 2))).toBeLessThan(1e-4);
    expect(threads.threads).toBe('one');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/encoding on one thread: the encode worker could not start .*does not exist/);
    await threads.dispose();
    expect(threads.running()).toBe(false);
  });
});
