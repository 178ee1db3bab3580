/** Small dense linear algebra in float64 for PCA and principal angles (no tensors: runs anywhere). */

export interface Eigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Eigenvectors as rows (`m * d`), in the order of `values`. */
  vectors: Float64Array;
}

/**
 * All eigenpairs of a symmetric `d x d` matrix by cyclic Jacobi rotations (Golub & Van Loan, alg. 8.5.3).
 * O(d^3) per sweep: meant for d up to ~150.
 */
export function symmetricEigen(matrix: Float64Array, d: number): Eigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!;
          const akq = a[k * d + q]!;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!;
          const aqk = a[q * d + k]!;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!;
          const vkq = v[k * d + q]!;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j]! - a[i * d + i]!);
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((col, row) => {
    values[row] = a[col * d + col]!;
    for (let k = 0; k < d; k++) vectors[row * d + k] = v[k * d + col]!;
  });
  return { values, vectors };
}

/** Orthonormal rows spanning the same space as the `k` rows of `rows` (`k * d`), by modified Gram-Schmidt. */
export function orthonormalRows(rows: ArrayLike<number>, k: number, d: number): Float64Array {
  const q = Float64Array.from(rows as ArrayLike<number>);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += q[i * d + t]! * q[j * d + t]!;
      for (let t = 0; t < d; t++) q[i * d + t]! -= dot * q[j * d + t]!;
    }
    let norm = 0;
    for (let t = 0; t < d; t++) norm += q[i * d + t]! ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-12) throw new RangeError(`rows are linearly dependent (row ${i})`);
    for (let t = 0; t < d; t++) q[i * d + t]! /= norm;
  }
  return q;
}

/** `rows (m x d)` times `matrix (d x d)`, row by row: `out[i] = rows[i] * matrix`. */
export function rowsTimesSymmetric(rows: Float64Array, m: number, matrix: Float64Array, d: number): Float64Array {
  const out = new Float64Array(m * d);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < d; j++) {
      const r = rows[i * d + j]!;
      if (r === 0) continue;
      const base = j * d;
      for (let t = 0; t < d; t++) out[i * d + t]! += r * matrix[base + t]!;
    }
  }
  return out;
}
