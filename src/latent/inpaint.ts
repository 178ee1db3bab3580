/**
 * Inpainting by search (the notes' figures 10 and 11): the code z is optimised by gradient steps (Adam on z,
 * the decoder fixed) so that decode(z) matches the visible pixels of a masked image; the hidden pixels are then
 * whatever the decoder draws there. Compared with the one-pass encode-decode of the masked image and with the
 * nearest training image on the visible pixels.
 */
import * as tf from '@tensorflow/tfjs';
import { PIXELS } from './batching.js';
import { decodeCodes } from './decode-codes.js';
import { encodeAll } from './encode-all.js';

export interface InpaintOptions {
  steps: number;
  /** Adam's learning rate on z. Default 0.05. */
  learningRate?: number;
  /** Steps after which the decoded images are kept (for showing the search); the last step is always kept. */
  snapshotAt?: readonly number[];
}

export interface InpaintResult {
  /** `n * d`: the codes after the last step. */
  codes: Float32Array;
  /** `n * 784` bytes: the decodes after the last step. */
  images: Uint8Array;
  /** Mean squared error on the visible pixels (0..1 scale) over the batch, before step 1 and after each step: `steps + 1`. */
  visibleLoss: Float32Array;
  /** The steps snapshotted, and for each `n * d` codes and `n * 784` decodes. */
  snapshots: { step: number; codes: Float32Array; images: Uint8Array }[];
}

/** Images with the hidden pixels (mask 1) set to 0: what an encoder sees of a masked digit. */
export function applyMask(images: Uint8Array, masks: Uint8Array): Uint8Array {
  if (images.length !== masks.length) throw new RangeError('one mask per image');
  return Uint8Array.from(images, (v, i) => (masks[i] ? 0 : v));
}

/**
 * Searches codes for `n` masked images (`n * 784` bytes each; mask 1 = hidden), starting from `start` codes
 * (`n * d`; the one-pass codes when absent).
 */
export function inpaintSearch(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  d: number,
  images: Uint8Array,
  masks: Uint8Array,
  opts: InpaintOptions,
  start?: Float32Array,
): InpaintResult {
  const n = images.length / PIXELS;
  if (!Number.isInteger(n) || masks.length !== images.length)
    throw new RangeError('images and masks must be whole 784-pixel images, one mask each');
  const z0 = start ?? encodeAll(encoder, applyMask(images, masks), n);
  const keep = new Set(opts.snapshotAt ?? []);
  keep.add(opts.steps);
  const snapshots: InpaintResult['snapshots'] = [];
  const visibleLoss = new Float32Array(opts.steps + 1);
  const z = tf.variable(tf.tensor2d(z0, [n, d]), true, undefined);
  const target = tf.tidy(() => tf.div(tf.tensor2d(images, [n, PIXELS], 'float32'), 255));
  const visible = tf.tidy(() => tf.sub(1, tf.tensor2d(masks, [n, PIXELS], 'float32')));
  const count = tf.tidy(() => tf.maximum(tf.sum(visible), 1));
  const optimizer = tf.train.adam(opts.learningRate ?? 0.05);
  const loss = () =>
    tf.tidy(() => {
      const out = decoder.apply(z, { training: false }) as tf.Tensor2D;
      return tf.div(tf.sum(tf.mul(visible, tf.square(tf.sub(out, target)))), count) as tf.Scalar;
    });
  try {
    const first = loss();
    visibleLoss[0] = first.dataSync()[0]!;
    first.dispose();
    for (let step = 1; step <= opts.steps; step++) {
      const cost = optimizer.minimize(loss, true, [z])!;
      cost.dispose();
      // minimize reports the loss before its update; measure after it, so entry `step` is the loss of the codes now.
      const after = loss();
      visibleLoss[step] = after.dataSync()[0]!;
      after.dispose();
      if (keep.has(step)) {
        const codes = z.dataSync() as Float32Array;
        snapshots.push({ step, codes: Float32Array.from(codes), images: decodeCodes(decoder, codes, d) });
      }
    }
    const last = snapshots[snapshots.length - 1]!;
    return { codes: last.codes, images: last.images, visibleLoss, snapshots };
  } finally {
    tf.dispose([z, target, visible, count]);
    optimizer.dispose();
  }
}

/** The one-pass baseline: decode(encode(masked image)). */
export function onePass(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  d: number,
  images: Uint8Array,
  masks: Uint8Array,
): { codes: Float32Array; images: Uint8Array } {
  const n = images.length / PIXELS;
  const codes = encodeAll(encoder, applyMask(images, masks), n);
  return { codes, images: decodeCodes(decoder, codes, d) };
}

/**
 * For each masked query, the index of the library image nearest on the visible pixels (squared distance). Plain
 * loops over the visible pixels only: for one query against 60,000 images this is ~20M operations, far quicker
 * than turning the library into float tensors.
 */
export function nearestOnVisible(queries: Uint8Array, masks: Uint8Array, library: Uint8Array): Uint32Array {
  const n = queries.length / PIXELS;
  const total = library.length / PIXELS;
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const visible: number[] = [];
    for (let p = 0; p < PIXELS; p++) if (!masks[i * PIXELS + p]) visible.push(p);
    const q = queries.subarray(i * PIXELS, (i + 1) * PIXELS);
    let best = Infinity;
    for (let k = 0; k < total; k++) {
      const off = k * PIXELS;
      let s = 0;
      for (let v = 0; v < visible.length && s < best; v++) {
        const p = visible[v]!;
        const e = q[p]! - library[off + p]!;
        s += e * e;
      }
      if (s < best) {
        best = s;
        index[i] = k;
      }
    }
  }
  return index;
}

/** Mean squared error (0..1 scale) between `a` and `b` over the pixels where `mask` is 1, per image. */
export function maskedError(a: Uint8Array, b: Uint8Array, mask: Uint8Array): Float32Array {
  const n = a.length / PIXELS;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    for (let p = i * PIXELS; p < (i + 1) * PIXELS; p++)
      if (mask[p]) {
        const e = (a[p]! - b[p]!) / 255;
        s += e * e;
        c++;
      }
    out[i] = c ? s / c : 0;
  }
  return out;
}
