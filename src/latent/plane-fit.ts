/**
 * Fitting the explorer's plane to many codes of many dimensions. The plane's PCA needs the codes' covariance,
 * n * d^2 / 2 products: plain JS (src/pure/latent/pca.ts) takes about 3 ns a product, so a 500-D model's 70,000
 * codes took 30 s to open. Here the products run on the TF.js backend (XNNPACK on wasm) in chunks of rows,
 * summed in float64; small problems stay in JS, which is exact and has no setup.
 */
import * as tf from '@tensorflow/tfjs';
import { fitPca, pcaOfMoments, type Moments, type Pca } from '../pure/latent/pca.js';
import { LatentPlane } from '../pure/latent/plane.js';
import { readInto } from '../model/read-into.js';

/** Covariance products (n * d^2 / 2) above which the backend computes them. */
export const BACKEND_PRODUCTS = 50_000_000;

/** Rows per product: a chunk's float32 sums stay short, and its tensors small. */
const CHUNK_ROWS = 2048;

/**
 * Means and sample covariance of `n` rows of `d` floats, `X^T X` of the centred rows computed by the backend;
 * a generator that pauses after each chunk of rows, so a caller on the engine's thread can let requests through.
 */
function* moments(data: Float32Array, n: number, d: number): Generator<void, Moments> {
  if (data.length < n * d) throw new RangeError(`need ${n * d} values, got ${data.length}`);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) mean[i]! += data[r * d + i]!;
  for (let i = 0; i < d; i++) mean[i]! /= Math.max(1, n);
  const cov = new Float64Array(d * d);
  const rows = new Float32Array(Math.min(n, CHUNK_ROWS) * d);
  const part = new Float32Array(d * d);
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, n - start);
    // Centred before the product: X^T X - n m m^T in float32 would cancel away the small variances.
    for (let r = 0; r < count; r++) for (let i = 0; i < d; i++) rows[r * d + i] = data[(start + r) * d + i]! - mean[i]!;
    const product = tf.tidy(() => {
      const x = tf.tensor2d(rows.subarray(0, count * d), [count, d]);
      return tf.matMul(x, x, true, false);
    });
    readInto(product, part);
    product.dispose();
    for (let i = 0; i < d * d; i++) cov[i]! += part[i]!;
    yield;
  }
  const denom = Math.max(1, n - 1);
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      // Symmetric by construction, up to the order of float32 sums: the mean of both halves keeps it exact.
      const c = (cov[i * d + j]! + cov[j * d + i]!) / (2 * denom);
      cov[i * d + j] = c;
      cov[j * d + i] = c;
    }
  return { mean, cov };
}

/** Means and sample covariance of `n` rows of `d` floats, the products on the backend, in one go. */
export function momentsOnBackend(data: Float32Array, n: number, d: number): Moments {
  const steps = moments(data, n, d);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const needsBackend = (n: number, d: number) => d > 2 && (n * d * d) / 2 > BACKEND_PRODUCTS;

/** `fitPca` (src/pure/latent/pca.ts) with the covariance's products on the backend when there are many. */
export function fitPcaOnBackend(data: Float32Array, n: number, d: number, k: number): Pca {
  return needsBackend(n, d) ? pcaOfMoments(momentsOnBackend(data, n, d), d, k) : fitPca(data, n, d, k);
}

/** The explorer's plane for `n` codes of size `d` (see LatentPlane), its PCA's products on the backend when many. */
export function fitPlane(codes: Float32Array, n: number, d: number): LatentPlane {
  return new LatentPlane(codes, n, d, d > 2 ? fitPcaOnBackend(codes, n, d, 2) : undefined);
}

/** `fitPlane` for the engine's thread: it yields to other requests after each chunk of rows (~50 ms at d = 500). */
export async function fitPlaneYielding(codes: Float32Array, n: number, d: number): Promise<LatentPlane> {
  if (!needsBackend(n, d)) return new LatentPlane(codes, n, d);
  const steps = moments(codes, n, d);
  for (;;) {
    const next = steps.next();
    if (next.done) return new LatentPlane(codes, n, d, pcaOfMoments(next.value, d, 2));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
