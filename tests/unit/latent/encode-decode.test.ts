import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';
import type { Autoencoder } from '../../../src/model/types.js';
import { decodeCodes, encodeAll, lerpCodes, reconstructionErrors, slerpCodes } from '../../../src/latent/index.js';

describe('encodeAll, decodeCodes and reconstructionErrors on real MNIST', () => {
  const count = 600;
  let ae: Autoencoder;
  let images: Uint8Array;
  beforeAll(async () => {
    const { test } = await loadMnist();
    images = Uint8Array.from(test.images.subarray(0, count * 784));
    ae = buildAutoencoder(defaultConfig('dense'), 3);
  });
  afterAll(() => ae.dispose());

  const reference = (model: tf.LayersModel, x: tf.Tensor) => tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync().slice());

  it('encodeAll(encoder, images, count) returns count * d codes equal to the encoder run on the whole batch', () => {
    const codes = encodeAll(ae.encoder, images, count, { batchSize: 128 });
    expect(codes.length).toBe(count * 2);
    const want = tf.tidy(() =>
      reference(
        ae.encoder,
        tf.tensor2d(
          Float32Array.from(images, (v) => v / 255),
          [count, 784],
        ),
      ),
    );
    for (let i = 0; i < want.length; i++) expect(codes[i]).toBeCloseTo(want[i]!, 4);
  });

  it('decodeCodes(decoder, codes, d) returns 784 bytes per point matching the decoder output', () => {
    const codes = Float32Array.of(0, 0, 1.5, -2, -3, 0.25);
    const bytes = decodeCodes(ae.decoder, codes, 2, 2);
    expect(bytes.length).toBe(3 * 784);
    const want = tf.tidy(() => reference(ae.decoder, tf.tensor2d(codes, [3, 2])));
    for (let i = 0; i < want.length; i++) expect(Math.abs(bytes[i]! - want[i]! * 255)).toBeLessThanOrEqual(0.5 + 1e-3);
  });

  it("interpolation endpoints decode to the endpoints' own reconstructions", () => {
    const codes = encodeAll(ae.encoder, images, 2);
    const a = codes.subarray(0, 2);
    const b = codes.subarray(2, 4);
    const recon = decodeCodes(ae.decoder, codes, 2);
    for (const path of [lerpCodes(a, b, 6), slerpCodes(a, b, 6)]) {
      const frames = decodeCodes(ae.decoder, path, 2);
      expect(frames.subarray(0, 784)).toEqual(recon.subarray(0, 784));
      expect(frames.subarray(5 * 784)).toEqual(recon.subarray(784));
    }
  });

  it('reconstructionErrors gives one BCE or MSE per image, matching a direct computation', () => {
    const n = 50;
    const bce = reconstructionErrors(ae.encoder, ae.decoder, images, n, 'bce', 16);
    const mse = reconstructionErrors(ae.encoder, ae.decoder, images, n, 'mse', 16);
    expect(bce.length).toBe(n);
    const recon = decodeCodes(ae.decoder, encodeAll(ae.encoder, images, n), 2);
    for (let i = 0; i < n; i += 7) {
      let se = 0;
      for (let p = 0; p < 784; p++) se += (images[i * 784 + p]! / 255 - recon[i * 784 + p]! / 255) ** 2;
      expect(mse[i]).toBeCloseTo(se / 784, 3);
      expect(bce[i]).toBeGreaterThan(0);
    }
  });

  it('reconstructionErrors(..., reconstructions) also writes the reconstructions, equal to decodeCodes(encodeAll(images))', () => {
    const n = 300;
    const out = new Uint8Array(n * 784);
    const errors = reconstructionErrors(ae.encoder, ae.decoder, images, n, 'bce', undefined, out);
    expect(errors).toEqual(reconstructionErrors(ae.encoder, ae.decoder, images, n, 'bce'));
    expect(out).toEqual(decodeCodes(ae.decoder, encodeAll(ae.encoder, images, n), 2));
  });

  it('leaks no tensor and does not mutate its inputs', () => {
    const codes = Float32Array.of(0.5, -0.5, 1, 1);
    const [images0, codes0] = [images.slice(), codes.slice()];
    encodeAll(ae.encoder, images, 10);
    const before = tf.memory().numTensors;
    encodeAll(ae.encoder, images, 300, { batchSize: 64 });
    decodeCodes(ae.decoder, codes, 2);
    reconstructionErrors(ae.encoder, ae.decoder, images, 20, 'bce');
    expect(tf.memory().numTensors).toBe(before);
    expect(images).toEqual(images0);
    expect(codes).toEqual(codes0);
  });

  it('rejects too few image bytes and codes that are not a multiple of d', () => {
    expect(() => encodeAll(ae.encoder, images.subarray(0, 100), 1)).toThrow(RangeError);
    expect(() => decodeCodes(ae.decoder, Float32Array.of(1, 2, 3), 2)).toThrow(RangeError);
  });
});
