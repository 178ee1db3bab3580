/**
 * The explorer's hot paths on onnxruntime (how an imported PyTorch model runs): the default dense architecture
 * (784-512-128-2) written as ONNX graphs, encoding all 70,000 images and decoding one point.
 */
import { buildAutoencoder } from '../model/build.js';
import { defaultConfig } from '../pure/model/presets.js';
import { denseSpecs } from '../latent/dense-specs.js';
import { denseOnnx } from '../onnx/dense-onnx.js';
import { openOnnxPair } from '../onnx/onnx-model.js';
import { median, quantile } from './stats.js';

export interface OnnxBenchResult {
  /** Median ms to encode all images (onnxruntime, two intra-op threads). */
  encodeMs: number;
  decode1P50Ms: number;
}

export async function onnxLatency(
  images: Uint8Array,
  count: number,
  opts: { encodeRepeats: number; decodeCalls: number },
): Promise<OnnxBenchResult> {
  const ae = buildAutoencoder(defaultConfig('dense'), 1);
  let encoderBytes: Uint8Array;
  let decoderBytes: Uint8Array;
  try {
    encoderBytes = denseOnnx(denseSpecs(ae.encoder));
    decoderBytes = denseOnnx(denseSpecs(ae.decoder));
  } finally {
    ae.dispose();
  }
  const pair = await openOnnxPair(encoderBytes, decoderBytes);
  try {
    await pair.encode(images, Math.min(count, 4096));
    const encodes: number[] = [];
    for (let r = 0; r < opts.encodeRepeats; r++) {
      const t0 = performance.now();
      await pair.encode(images, count);
      encodes.push(performance.now() - t0);
    }
    const point = new Float32Array([0.5, -1]);
    for (let i = 0; i < 20; i++) await pair.decodeUnit(point);
    const decodes: number[] = [];
    for (let i = 0; i < opts.decodeCalls; i++) {
      const t0 = performance.now();
      await pair.decodeUnit(point);
      decodes.push(performance.now() - t0);
    }
    return { encodeMs: median(encodes), decode1P50Ms: quantile(decodes, 0.5) };
  } finally {
    pair.dispose();
  }
}
