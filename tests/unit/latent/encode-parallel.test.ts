import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { encodeAll } from '../../../src/latent/index.js';
import { EncodePool, encodeAllParallel } from '../../../src/workers/encode/pool.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';
import type { Autoencoder } from '../../../src/model/types.js';

describe('EncodePool.encodeAll on real MNIST', () => {
  const count = 1500;
  let dense: Autoencoder;
  let conv: Autoencoder;
  let pool: EncodePool;
  let plain: Uint8Array;
  let shared: Uint8Array;
  beforeAll(async () => {
    const { test } = await loadMnist();
    plain = Uint8Array.from(test.images.subarray(0, count * 784));
    shared = new Uint8Array(new SharedArrayBuffer(plain.length));
    shared.set(plain);
    dense = buildAutoencoder(defaultConfig('dense'), 7);
    conv = buildAutoencoder(defaultConfig('conv'), 8);
    pool = await EncodePool.start();
  }, 60_000);
  afterAll(async () => {
    await pool.dispose();
    dense.dispose();
    conv.dispose();
  });

  const expectClose = (got: Float32Array, want: Float32Array) => {
    expect(got.length).toBe(want.length);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
    expect(worst).toBeLessThan(1e-4);
  };

  it('returns the codes encodeAll returns, from shared and from plain images, without leaking tensors', async () => {
    const want = encodeAll(dense.encoder, plain, count);
    const before = tf.memory().numTensors;
    expectClose(await encodeAllParallel(pool, dense.encoder, shared, count), want);
    expectClose(await pool.encodeAll(dense.encoder, plain, count, { batchSize: 256 }), want);
    expect(tf.memory().numTensors).toBe(before);
    // The image bytes the worker was given stay intact (a plain array's share is copied, not detached).
    expect(plain.length).toBe(count * 784);
  });

  it('splits by workerShare, including all-local and all-worker, for a conv encoder too', async () => {
    const want = encodeAll(conv.encoder, plain, 301);
    for (const workerShare of [0, 0.3, 1]) expectClose(await pool.encodeAll(conv.encoder, shared, 301, { workerShare }), want);
  });

  it('sends a model again after forget, so changed weights are used', async () => {
    const model = buildAutoencoder(defaultConfig('dense'), 9);
    try {
      await pool.encodeAll(model.encoder, shared, 64, { workerShare: 1 });
      model.encoder.setWeights(dense.encoder.getWeights());
      pool.forget(model.encoder);
      expectClose(await pool.encodeAll(model.encoder, shared, 64, { workerShare: 1 }), encodeAll(dense.encoder, plain, 64));
    } finally {
      model.dispose();
    }
  });

  it('rejects with the reason when the worker cannot start', async () => {
    await expect(EncodePool.start({ path: '/nonexistent/encode-worker.mjs' })).rejects.toThrow(/could not start .*does not exist/);
  });
});
