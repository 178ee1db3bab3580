/**
 * Principal component analysis of row data (`n x d`), the baseline an autoencoder's codes are compared with.
 * Exact for d <= 150 (Jacobi on the covariance); for larger d (pixels, d = 784) the top k components come from
 * orthogonal iteration on the covariance with a Rayleigh-Ritz step.
 */
import { orthonormalRows, rowsTimesSymmetric, symmetricEigen } from './linalg.js';

export interface Pca {
  /** Feature means (`d`). */
  mean: Float32Array;
  /** Unit principal axes as rows (`k * d`), largest variance first. */
  components: Float32Array;
  /** Variance along each axis (`k`), in squared data units. */
  explainedVariance: Float32Array;
  d: number;
  k: number;
}

const EXACT_LIMIT = 150;

/**
 * Sample covariance (divided by n - 1) as `d x d`, accumulated from the raw rows so zero entries (most MNIST
 * pixels) cost nothing, then centred: C = (X^T X - n m m^T) / (n - 1).
 */
function covariance(data: Float32Array, n: number, d: number): { mean: Float64Array; cov: Float64Array } {
  const mean = new Float64Array(d);
  const cov = new Float64Array(d * d);
  const nz = new Int32Array(d);
  for (let r = 0; r < n; r++) {
    const base = r * d;
    let m = 0;
    for (let i = 0; i < d; i++) {
      const v = data[base + i]!;
      if (v !== 0) nz[m++] = i;
      mean[i]! += v;
    }
    for (let a = 0; a < m; a++) {
      const i = nz[a]!;
      const vi = data[base + i]!;
      const row = i * d;
      for (let b = a; b < m; b++) cov[row + nz[b]!]! += vi * data[base + nz[b]!]!;
    }
  }
  for (let i = 0; i < d; i++) mean[i]! /= n;
  const denom = Math.max(1, n - 1);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const c = (cov[i * d + j]! - n * mean[i]! * mean[j]!) / denom;
      cov[i * d + j] = c;
      cov[j * d + i] = c;
    }
  }
  return { mean, cov };
}

/** Rayleigh-Ritz on the rows of `q` (`m x d`, orthonormal): the eigenpairs of Q C Q^T, rotated back to d-space. */
function ritz(q: Float64Array, m: number, cov: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const cq = rowsTimesSymmetric(q, m, cov, d);
  const small = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += cq[i * d + t]! * q[j * d + t]!;
      small[i * m + j] = s;
    }
  const e = symmetricEigen(small, m);
  const vectors = new Float64Array(m * d);
  for (let r = 0; r < m; r++)
    for (let j = 0; j < m; j++) {
      const w = e.vectors[r * m + j]!;
      for (let t = 0; t < d; t++) vectors[r * d + t]! += w * q[j * d + t]!;
    }
  return { values: e.values, vectors };
}

/**
 * Top-k eigenpairs by orthogonal (subspace) iteration with 8 extra vectors, stopped when the top-k Ritz values
 * settle (they converge much faster than single vectors when eigenvalues are close, as MNIST's tail is).
 */
function topEigen(cov: Float64Array, d: number, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Math.min(d, k + 8);
  let q: Float64Array = new Float64Array(m * d);
  let seed = 12345;
  for (let i = 0; i < q.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    q[i] = seed / 2 ** 32 - 0.5;
  }
  q = orthonormalRows(q, m, d);
  let previous = new Float64Array(k);
  for (let iter = 1; iter <= 300; iter++) {
    q = orthonormalRows(rowsTimesSymmetric(q, m, cov, d), m, d);
    if (iter % 5 !== 0) continue;
    const r = ritz(q, m, cov, d);
    q = r.vectors;
    let change = 0;
    for (let i = 0; i < k; i++) change = Math.max(change, Math.abs(r.values[i]! - previous[i]!) / Math.max(1e-30, Math.abs(r.values[i]!)));
    previous = r.values.slice(0, k);
    if (change < 1e-10) break;
  }
  const r = ritz(q, m, cov, d);
  return { values: r.values.slice(0, k), vectors: r.vectors.slice(0, k * d) };
}

/**
 * Fits a k-component PCA to `n` rows of `d` features. Each component's sign is fixed so that its largest-magnitude
 * entry is positive, for reproducible projections.
 */
export function fitPca(data: Float32Array, n: number, d: number, k: number): Pca {
  if (data.length < n * d) throw new RangeError(`need ${n * d} values, got ${data.length}`);
  return pcaOfMoments(covariance(data, n, d), d, k);
}

/** Feature means (`d`) and sample covariance (`d x d`, divided by n - 1) of some rows. */
export interface Moments {
  mean: Float64Array;
  cov: Float64Array;
}

/** The k-component PCA of rows whose moments are already known (e.g. computed on the TF.js backend). */
export function pcaOfMoments({ mean, cov }: Moments, d: number, k: number): Pca {
  if (!Number.isInteger(k) || k < 1 || k > d) throw new RangeError(`k must be in 1..${d}, got ${k}`);
  if (mean.length !== d || cov.length !== d * d) throw new RangeError(`moments of ${mean.length} features for d = ${d}`);
  // Orthogonal iteration pays off only for a few components of many: all of a 500-D covariance took 38 s that
  // way (a Jacobi solve of m x m every fifth iteration), against 4.2 s for one Jacobi solve of d x d.
  const e = d <= EXACT_LIMIT || k + 8 >= d ? symmetricEigen(cov, d) : topEigen(cov, d, k);
  const components = new Float32Array(k * d);
  const explainedVariance = new Float32Array(k);
  for (let r = 0; r < k; r++) {
    let big = 0;
    for (let t = 0; t < d; t++) if (Math.abs(e.vectors[r * d + t]!) > Math.abs(big)) big = e.vectors[r * d + t]!;
    const sign = big < 0 ? -1 : 1;
    for (let t = 0; t < d; t++) components[r * d + t] = sign * e.vectors[r * d + t]!;
    explainedVariance[r] = Math.max(0, e.values[r]!);
  }
  return { mean: Float32Array.from(mean), components, explainedVariance, d, k };
}

/** Coordinates of `n` rows along the components: `(x - mean) . component`, `n * k` floats. */
export function projectPca(pca: Pca, data: Float32Array, n: number): Float32Array {
  const { d, k, mean, components } = pca;
  const out = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (data[r * d + t]! - mean[t]!) * components[c * d + t]!;
      out[r * k + c] = s;
    }
  }
  return out;
}

/** Back from component coordinates (`n * k`) to the data space: `mean + sum_c coord_c component_c`, `n * d` floats. */
export function unprojectPca(pca: Pca, plane: Float32Array, n: number): Float32Array {
  const { d, k, mean, components } = pca;
  const out = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    out.set(mean, r * d);
    for (let c = 0; c < k; c++) {
      const w = plane[r * k + c]!;
      for (let t = 0; t < d; t++) out[r * d + t]! += w * components[c * d + t]!;
    }
  }
  return out;
}
