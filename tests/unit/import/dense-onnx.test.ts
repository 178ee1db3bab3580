/**
 * The shipped default model (dense 784-512-128-2) written as ONNX graphs runs on onnxruntime and gives what
 * TF.js gives: the bench's ONNX figures are for the same model, and the ONNX writer is checked against a runtime
 * that did not write it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_DIR } from '../../../src/host/start.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { decodeCodes, encodeAll } from '../../../src/latent/index.js';
import { denseSpecs } from '../../../src/latent/dense-specs.js';
import { initBackend } from '../../../src/model/backend.js';
import { denseOnnx } from '../../../src/onnx/dense-onnx.js';
import { openOnnxPair } from '../../../src/onnx/onnx-model.js';
import { loadRun } from '../../../src/runs/index.js';

describe('dense TF.js model as ONNX', () => {
  it('encodes and decodes like TF.js (codes within 1e-4, images within one grey level)', async () => {
    await initBackend();
    const run = await loadRun(DEFAULT_RUN_DIR);
    const encoder = denseSpecs(run.encoder);
    expect(encoder.map((l) => [l.inputs, l.units, l.activation])).toEqual([
      [784, 512, 'relu'],
      [512, 128, 'relu'],
      [128, 2, 'linear'],
    ]);
    const pair = await openOnnxPair(denseOnnx(encoder), denseOnnx(denseSpecs(run.decoder)));
    try {
      const images = (await loadMnist()).test.images.subarray(0, 500 * 784);
      const tfCodes = encodeAll(run.encoder, images, 500);
      const onnxCodes = await pair.encode(images, 500);
      let worst = 0;
      for (let i = 0; i < tfCodes.length; i++) worst = Math.max(worst, Math.abs(tfCodes[i]! - onnxCodes[i]!) / (1 + Math.abs(tfCodes[i]!)));
      expect(worst).toBeLessThan(1e-4);
      const tfImages = decodeCodes(run.decoder, tfCodes.subarray(0, 40), 2);
      const unit = await pair.decodeUnit(tfCodes.subarray(0, 40));
      let diff = 0;
      for (let i = 0; i < tfImages.length; i++) diff = Math.max(diff, Math.abs(tfImages[i]! - Math.round(unit[i]! * 255)));
      expect(diff).toBeLessThanOrEqual(1);
    } finally {
      pair.dispose();
      run.encoder.dispose();
      run.decoder.dispose();
    }
  });

  it('refuses a model with other layers', () => {
    expect(() => denseOnnx([])).toThrow(/no layers/);
  });
});
