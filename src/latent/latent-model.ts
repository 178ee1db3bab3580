/**
 * The one model interface every view uses: `encode(images) -> codes`, `decode(codes) -> images`, whatever
 * runs the model (TF.js for trained and Keras-converted models, onnxruntime for PyTorch exports). Inputs are
 * always byte images (`count * 784`, 0..255) and outputs byte images; each runtime applies the model's own
 * input convention inside.
 */
import * as tf from '@tensorflow/tfjs';
import { layoutShape, scaleIn, toUnit, type Convention } from '../pure/import/convention.js';
import { DEFAULT_BATCH, PIXELS, toBytes } from './batching.js';
import { encodeAll } from './encode-all.js';
import { reconstructionErrors } from './reconstruction-errors.js';

export type Runtime = 'tfjs' | 'onnx';

export interface LatentModel {
  readonly runtime: Runtime;
  /** Latent size. */
  readonly dims: number;
  /** `count * d` codes of `count` byte images. */
  encode(images: Uint8Array, count: number): Promise<Float32Array>;
  /** Decoder outputs as 0..1 intensities, `n * 784` for `n * d` codes. */
  decodeUnit(codes: Float32Array): Promise<Float32Array>;
  dispose(): void;
}

/** Byte images of `n * d` codes. */
export async function decodeImages(model: LatentModel, codes: Float32Array): Promise<Uint8Array> {
  return toBytes(await model.decodeUnit(codes));
}

const EPSILON = 1e-7;

/** Reconstructions of `count` byte images and their per-image errors (BCE in nats or MSE, on 0..1 pixels). */
export async function reconstructImages(
  model: LatentModel,
  images: Uint8Array,
  count: number,
  loss: 'bce' | 'mse',
): Promise<{ images: Uint8Array; errors: Float32Array }> {
  const unit = await model.decodeUnit(await model.encode(images, count));
  const errors = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    let sum = 0;
    for (let i = k * PIXELS; i < (k + 1) * PIXELS; i++) {
      const x = images[i]! / 255;
      const y = unit[i]!;
      if (loss === 'mse') sum += (x - y) * (x - y);
      else {
        const p = Math.min(1 - EPSILON, Math.max(EPSILON, y));
        sum -= x * Math.log(p) + (1 - x) * Math.log(1 - p);
      }
    }
    errors[k] = sum / PIXELS;
  }
  return { images: toBytes(unit), errors };
}

/**
 * A trained run's pair of stock TF.js models as a LatentModel: the exact functions the app has always used
 * (inputs 0..1, `[n, 784]`), so its outputs are unchanged byte for byte.
 */
export function tfjsTrainedModel(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  dims: number,
): LatentModel & {
  reconstruct(images: Uint8Array, count: number, loss: 'bce' | 'mse'): { images: Uint8Array; errors: Float32Array };
} {
  return {
    runtime: 'tfjs',
    dims,
    encode: (images, count) => Promise.resolve(encodeAll(encoder, images, count)),
    decodeUnit: (codes) => Promise.resolve(decodeFloats(decoder, codes, dims)),
    reconstruct(images, count, loss) {
      const out = new Uint8Array(count * PIXELS);
      return { errors: reconstructionErrors(encoder, decoder, images, count, loss, undefined, out), images: out };
    },
    dispose() {
      encoder.dispose();
      decoder.dispose();
    },
  };
}

/** A TF.js Layers pair made elsewhere (Keras through the TF.js converter), run with its own convention. */
export function tfjsImportedModel(encoder: tf.LayersModel, decoder: tf.LayersModel, dims: number, convention: Convention): LatentModel {
  const inShape = layoutShape(convention.layout);
  return {
    runtime: 'tfjs',
    dims,
    encode(images, count) {
      const codes = new Float32Array(count * dims);
      for (let start = 0; start < count; start += DEFAULT_BATCH) {
        const rows = Math.min(DEFAULT_BATCH, count - start);
        const x = tf.tensor(scaleIn(images.subarray(start * PIXELS, (start + rows) * PIXELS), convention.range), [rows, ...inShape]);
        const y = tf.tidy(() => (encoder.apply(x, { training: false }) as tf.Tensor).reshape([rows, dims]));
        try {
          codes.set(y.dataSync() as Float32Array, start * dims);
        } finally {
          tf.dispose([x, y]);
        }
      }
      return Promise.resolve(codes);
    },
    decodeUnit: (codes) => Promise.resolve(toUnit(decodeFloats(decoder, codes, dims), convention)),
    dispose() {
      encoder.dispose();
      decoder.dispose();
    },
  };
}

/** Raw decoder outputs, `n * 784` floats, for `n * d` codes (any output shape of 784 values per row). */
function decodeFloats(decoder: tf.LayersModel, codes: Float32Array, d: number): Float32Array {
  const n = codes.length / d;
  const out = new Float32Array(n * PIXELS);
  for (let start = 0; start < n; start += DEFAULT_BATCH) {
    const rows = Math.min(DEFAULT_BATCH, n - start);
    const z = tf.tensor2d(codes.subarray(start * d, (start + rows) * d), [rows, d]);
    const y = tf.tidy(() => decoder.apply(z, { training: false }) as tf.Tensor);
    try {
      out.set(y.dataSync() as Float32Array, start * PIXELS);
    } finally {
      tf.dispose([z, y]);
    }
  }
  return out;
}
