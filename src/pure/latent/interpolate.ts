/** Paths between two latent codes, and pixel-space cross-fades between two images. All inputs are left untouched. */
import { IMAGE_PIXELS as PIXELS } from '../data/image.js';

/** Fractions 0 = t_0 < ... < t_{steps-1} = 1 (both endpoints included). */
function fractions(steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`steps must be an integer >= 2, got ${steps}`);
  return Array.from({ length: steps }, (_, i) => i / (steps - 1));
}

/** Component-wise `a + t (b - a)`: a single point between two codes. */
export function lerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  if (a.length !== b.length) throw new RangeError(`codes differ in length: ${a.length} vs ${b.length}`);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + t * (b[i]! - a[i]!);
  return out;
}

/**
 * Straight-line path from code `a` to code `b`.
 * @returns `steps * d` floats; row 0 equals `a`, row `steps - 1` equals `b`.
 */
export function lerpCodes(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  const d = a.length;
  const out = new Float32Array(steps * d);
  fractions(steps).forEach((t, i) => out.set(lerp(a, b, t), i * d));
  return out;
}

/**
 * Spherical path from `a` to `b` (Shoemake's slerp, used for VAE codes whose prior mass sits on a shell):
 * the angle between the codes is swept uniformly and the norm goes linearly from |a| to |b|.
 * Falls back to the straight line when the codes are (anti)parallel or one is zero.
 * @returns `steps * d` floats; row 0 equals `a`, row `steps - 1` equals `b`.
 */
export function slerpCodes(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  if (a.length !== b.length) throw new RangeError(`codes differ in length: ${a.length} vs ${b.length}`);
  const d = a.length;
  let na = 0;
  let nb = 0;
  let dot = 0;
  for (let i = 0; i < d; i++) {
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
    dot += a[i]! * b[i]!;
  }
  na = Math.sqrt(na);
  nb = Math.sqrt(nb);
  const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / (na * nb))) : 1;
  const omega = Math.acos(cos);
  const sin = Math.sin(omega);
  if (sin < 1e-6) return lerpCodes(a, b, steps);
  const out = new Float32Array(steps * d);
  fractions(steps).forEach((t, row) => {
    const wa = Math.sin((1 - t) * omega) / sin / na;
    const wb = Math.sin(t * omega) / sin / nb;
    const norm = na + t * (nb - na);
    for (let i = 0; i < d; i++) out[row * d + i] = norm * (wa * a[i]! + wb * b[i]!);
  });
  if (steps > 0) {
    out.set(Float32Array.from(a), 0);
    out.set(Float32Array.from(b), (steps - 1) * d);
  }
  return out;
}

/**
 * Pixel-space blend `(1 - t) a + t b` of two byte images, rounded to bytes.
 * @param t 0 gives `a`, 1 gives `b`.
 */
export function blendPixels(a: Uint8Array, b: Uint8Array, t: number): Uint8Array {
  if (a.length !== b.length) throw new RangeError(`images differ in size: ${a.length} vs ${b.length}`);
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.round((1 - t) * a[i]! + t * b[i]!);
  return out;
}

/**
 * Cross-fade from image `a` to image `b` (784 bytes each) in `steps` frames, endpoints included.
 * @returns `steps * 784` bytes.
 */
export function crossFade(a: Uint8Array, b: Uint8Array, steps: number): Uint8Array {
  if (a.length !== PIXELS || b.length !== PIXELS) throw new RangeError(`images must have ${PIXELS} pixels`);
  const out = new Uint8Array(steps * PIXELS);
  fractions(steps).forEach((t, i) => out.set(blendPixels(a, b, t), i * PIXELS));
  return out;
}
