import { orthonormalRows, symmetricEigen } from './linalg.js';

/**
 * Principal angles between the subspaces spanned by the `k` rows of `a` and of `b` (each `k * d`, rows need not be
 * orthonormal): the arccosines of the singular values of Qa Qb^T (Björck & Golub 1973).
 * @returns `k` angles in degrees, smallest first; all near 0 when the two spans coincide.
 */
export function principalAngles(a: ArrayLike<number>, b: ArrayLike<number>, d: number, k: number): Float64Array {
  const qa = orthonormalRows(a, k, d);
  const qb = orthonormalRows(b, k, d);
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += qa[i * d + t]! * qb[j * d + t]!;
      m[i * k + j] = s;
    }
  // Singular values of M are the square roots of the eigenvalues of M M^T.
  const mmt = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += m[i * k + t]! * m[j * k + t]!;
      mmt[i * k + j] = s;
    }
  const { values } = symmetricEigen(mmt, k);
  const angles = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const cos = Math.min(1, Math.sqrt(Math.max(0, values[i]!)));
    angles[i] = (Math.acos(cos) * 180) / Math.PI;
  }
  return angles;
}
