/**
 * A display plane in a d-dimensional latent space given by an origin and two axes, `code = origin + x u + y v`:
 * the plane of any two principal components, of two coordinate axes, or through three chosen codes. Points on
 * the map lift to codes on the plane; codes project onto it (orthogonally when u and v are orthonormal).
 */
import type { Pca } from './pca.js';

export interface PlaneBasis {
  d: number;
  origin: Float32Array;
  u: Float32Array;
  v: Float32Array;
}

/** The plane of principal components `i` and `j` (0-based) through the codes' mean. */
export function pcaPlane(pca: Pca, i: number, j: number): PlaneBasis {
  for (const c of [i, j])
    if (!Number.isInteger(c) || c < 0 || c >= pca.k) throw new RangeError(`component ${c + 1} is outside 1..${pca.k}`);
  if (i === j) throw new RangeError('choose two different components');
  const d = pca.d;
  return {
    d,
    origin: Float32Array.from(pca.mean),
    u: pca.components.slice(i * d, (i + 1) * d),
    v: pca.components.slice(j * d, (j + 1) * d),
  };
}

/** The plane of coordinate axes z_i and z_j through the origin (the latent space itself when d = 2). */
export function axesPlane(d: number, i: number, j: number): PlaneBasis {
  for (const c of [i, j]) if (!Number.isInteger(c) || c < 0 || c >= d) throw new RangeError(`dimension ${c + 1} is outside 1..${d}`);
  if (i === j) throw new RangeError('choose two different dimensions');
  const u = new Float32Array(d);
  const v = new Float32Array(d);
  u[i] = 1;
  v[j] = 1;
  return { d, origin: new Float32Array(d), u, v };
}

/**
 * The plane through codes a, b, c: origin a, u the unit vector towards b, v the unit part of c - a orthogonal
 * to u (Gram-Schmidt). So a sits at (0, 0), b at (|b - a|, 0) and c above the x axis.
 * @throws RangeError when the three codes lie on one line.
 */
export function planeThrough(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>): PlaneBasis {
  const d = a.length;
  if (b.length !== d || c.length !== d) throw new RangeError('the three codes differ in length');
  const u = new Float32Array(d);
  const w = new Float64Array(d);
  let nu = 0;
  for (let k = 0; k < d; k++) {
    u[k] = b[k]! - a[k]!;
    nu += u[k]! * u[k]!;
  }
  nu = Math.sqrt(nu);
  if (nu < 1e-9) throw new RangeError('the first two samples have the same code');
  for (let k = 0; k < d; k++) u[k] = u[k]! / nu;
  let dot = 0;
  for (let k = 0; k < d; k++) dot += (c[k]! - a[k]!) * u[k]!;
  let nw = 0;
  for (let k = 0; k < d; k++) {
    w[k] = c[k]! - a[k]! - dot * u[k]!;
    nw += w[k]! * w[k]!;
  }
  nw = Math.sqrt(nw);
  if (nw < 1e-6 * Math.max(1, nu)) throw new RangeError('the three samples lie on one line: they span no plane');
  const v = Float32Array.from(w, (x) => x / nw);
  return { d, origin: Float32Array.from(a), u, v };
}

/** Plane coordinates of `codes` (`n * d`): `n * 2` floats (x, y interleaved), by dot products with u and v. */
export function projectOnto(plane: PlaneBasis, codes: Float32Array): Float32Array<ArrayBuffer> {
  const { d, origin, u, v } = plane;
  if (codes.length % d !== 0) throw new RangeError(`codes length ${codes.length} is not a multiple of d = ${d}`);
  const n = codes.length / d;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    for (let k = 0; k < d; k++) {
      const c = codes[i * d + k]! - origin[k]!;
      x += c * u[k]!;
      y += c * v[k]!;
    }
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

/** Codes of plane points (`m * 2`, interleaved x, y): `origin + x u + y v`, `m * d` floats. */
export function liftFrom(plane: PlaneBasis, points: ArrayLike<number>): Float32Array<ArrayBuffer> {
  const { d, origin, u, v } = plane;
  const m = Math.floor(points.length / 2);
  const out = new Float32Array(m * d);
  for (let i = 0; i < m; i++) {
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    for (let k = 0; k < d; k++) out[i * d + k] = origin[k]! + x * u[k]! + y * v[k]!;
  }
  return out;
}
