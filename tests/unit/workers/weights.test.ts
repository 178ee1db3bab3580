import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { encodeAll } from '../../../src/latent/index.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';
import { applyWeights, snapshotWeights } from '../../../src/workers/weights.js';

describe('snapshotWeights / applyWeights', () => {
  const a = buildAutoencoder(defaultConfig('dense'), 1);
  const b = buildAutoencoder(defaultConfig('dense'), 2);
  const conv = buildAutoencoder(defaultConfig('conv'), 3);
  afterAll(() => [a, b, conv].forEach((m) => m.dispose()));

  it('carries one model’s weights to another of the same config: same codes on real digits, no tensor left', async () => {
    const { test } = await loadMnist();
    const images = test.images.subarray(0, 200 * 784);
    const want = encodeAll(a.encoder, images, 200);
    expect(encodeAll(b.encoder, images, 200)).not.toEqual(want);
    const before = tf.memory().numTensors;
    const snapshot = snapshotWeights(a.encoder);
    applyWeights(b.encoder, snapshot);
    expect(tf.memory().numTensors).toBe(before);
    expect(encodeAll(b.encoder, images, 200)).toEqual(want);
  });

  it('hands out fresh buffers: changing or transferring a snapshot leaves the model as it was', () => {
    const snapshot = snapshotWeights(a.decoder);
    const kept = snapshotWeights(a.decoder);
    snapshot[0]!.fill(123);
    structuredClone(snapshot[1]!, { transfer: [snapshot[1]!.buffer as ArrayBuffer] });
    expect(snapshotWeights(a.decoder)).toEqual(kept);
  });

  it('refuses a snapshot of another shape, naming the mismatch, and changes nothing', () => {
    const kept = snapshotWeights(b.encoder);
    expect(() => applyWeights(b.encoder, snapshotWeights(conv.encoder))).toThrow(
      /weights snapshot has \d+ tensors, the model \d+|tensor \d+ has \d+ values/,
    );
    expect(() => applyWeights(b.encoder, kept.slice(1))).toThrow(/has \d+ tensors, the model \d+/);
    const truncated = kept.map((w, i) => (i === 0 ? w.subarray(1) : w));
    expect(() => applyWeights(b.encoder, truncated)).toThrow(/tensor 0 has \d+ values/);
    expect(snapshotWeights(b.encoder)).toEqual(kept);
  });
});
