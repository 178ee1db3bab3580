/** The standard normal: its inverse CDF (for Kingma and Welling's quantile grids) and seeded samples (the prior). */
import { mulberry32 } from '../data/random.js';

// Acklam's rational approximation (relative error < 1.15e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const LOW = 0.02425;

/** Standard normal CDF Φ(x), via erfc (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Φ⁻¹(p) for 0 < p < 1: the z with P(Z <= z) = p. */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must lie strictly between 0 and 1, got ${p}`);
  if (p < LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  if (p > 1 - LOW) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/**
 * The quantile grid's coordinates along one axis: Φ⁻¹ at probabilities (i + 0.5) / n, i = 0..n-1, as in Kingma
 * and Welling's manifold figures (equal prior mass between neighbours, never the infinite ends).
 */
export function gaussianQuantiles(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  return Array.from({ length: n }, (_, i) => inverseNormalCdf((i + 0.5) / n));
}

/**
 * Plane points of an `n x n` quantile grid, row-major from the top row (largest y) down, x increasing along a
 * row, the same order as the manifold grid: `n * n * 2` floats.
 */
export function quantileGridPoints(n: number): Float32Array<ArrayBuffer> {
  const q = gaussianQuantiles(n);
  const out = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      out[2 * (r * n + c)] = q[c]!;
      out[2 * (r * n + c) + 1] = q[n - 1 - r]!;
    }
  return out;
}

/** `count * d` standard normal draws from seed `seed` (Box-Muller on mulberry32): the same seed, the same codes. */
export function priorSamples(seed: number, count: number, d: number): Float32Array<ArrayBuffer> {
  const random = mulberry32(seed);
  const out = new Float32Array(count * d);
  for (let i = 0; i < out.length; i += 2) {
    const u1 = Math.max(random(), 1e-12);
    const u2 = random();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}
