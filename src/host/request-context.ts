/**
 * The request a piece of engine work is done for, as an async context: heavy handlers (PCA comparison, a
 * 10,000-image reconstruction report) work in slices, yield to the event loop between them so other requests
 * are answered meanwhile, and stop when their requester has gone (its socket closed: the answer would be
 * dropped anyway, and the work held memory for nothing).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ApiError } from '../pure/api/api.js';
import { reconstructionErrors } from '../latent/reconstruction-errors.js';
import type * as tf from '@tensorflow/tfjs';

const requests = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` for a request that `signal` aborts when its requester leaves. */
export function withRequestSignal<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  return signal ? requests.run(signal, work) : work();
}

/**
 * A point where heavy work lets other requests run, then goes on unless its requester left.
 * @throws ApiError `busy` when the request was cancelled (nobody reads the answer).
 */
export async function yieldPoint(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (requests.getStore()?.aborted) throw new ApiError('busy', 'cancelled: the client that asked has gone');
}

/** Images per slice of heavy inference: a few tens of milliseconds on wasm. */
const SLICE = 500;

/** `reconstructionErrors` in slices, yielding between them (see `yieldPoint`). */
export async function reconstructionErrorsYielding(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  images: Uint8Array,
  count: number,
  loss: 'bce' | 'mse',
): Promise<Float32Array> {
  const errors = new Float32Array(count);
  for (let start = 0; start < count; start += SLICE) {
    const n = Math.min(SLICE, count - start);
    errors.set(reconstructionErrors(encoder, decoder, images.subarray(start * 784, (start + n) * 784), n, loss), start);
    await yieldPoint();
  }
  return errors;
}
