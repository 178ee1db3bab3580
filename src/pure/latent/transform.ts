/**
 * Transformations of a 28x28 grey image for the transformation lab (the course notes' figures 5 to 9): rotate,
 * shift, zoom, brighten, downsample. Geometric ones resample bilinearly about the image centre, outside pixels
 * are black. Pure and deterministic: the engine encodes exactly what the page shows.
 */
import { IMAGE_PIXELS, IMAGE_SIDE } from '../data/image.js';

export const TRANSFORMS = ['rotate', 'shift', 'zoom', 'brighten', 'downsample'] as const;
export type TransformKind = (typeof TRANSFORMS)[number];

/** The amount that leaves an image unchanged, and a default sweep end, per kind. */
export const TRANSFORM_RANGE: Record<TransformKind, { identity: number; end: number; min: number; max: number }> = {
  rotate: { identity: 0, end: 90, min: -180, max: 180 },
  shift: { identity: 0, end: 8, min: -14, max: 14 },
  zoom: { identity: 1, end: 0.5, min: 0.25, max: 3 },
  brighten: { identity: 1, end: 0.3, min: 0, max: 4 },
  downsample: { identity: 1, end: 7, min: 1, max: 14 },
};

const C = (IMAGE_SIDE - 1) / 2;

function sample(img: Uint8Array, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= IMAGE_SIDE || yy >= IMAGE_SIDE ? 0 : img[yy * IMAGE_SIDE + xx]!);
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
}

/** Output pixel (x, y) reads input at `inverse(x, y)`. */
function warp(img: Uint8Array, inverse: (x: number, y: number) => [number, number]): Uint8Array {
  const out = new Uint8Array(IMAGE_PIXELS);
  for (let y = 0; y < IMAGE_SIDE; y++)
    for (let x = 0; x < IMAGE_SIDE; x++) {
      const [sx, sy] = inverse(x, y);
      out[y * IMAGE_SIDE + x] = Math.round(Math.min(255, Math.max(0, sample(img, sx, sy))));
    }
  return out;
}

/**
 * `img` transformed by `amount`: rotate by degrees (counter-clockwise as seen), shift right by pixels, zoom by a
 * scale factor, brighten by a gain (clipped at 255), downsample to blocks of `amount` pixels (block means,
 * shown at full size).
 */
export function transformImage(img: Uint8Array, kind: TransformKind, amount: number): Uint8Array {
  if (img.length !== IMAGE_PIXELS) throw new RangeError(`the image must have ${IMAGE_PIXELS} pixels`);
  const r = TRANSFORM_RANGE[kind];
  if (!r) throw new RangeError(`unknown transformation '${String(kind)}'`);
  if (!Number.isFinite(amount) || amount < r.min || amount > r.max)
    throw new RangeError(`${kind} amount must lie in ${r.min}..${r.max}, got ${amount}`);
  switch (kind) {
    case 'rotate': {
      const a = (amount * Math.PI) / 180;
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      // Screen y points down: a counter-clockwise turn as seen maps (dx, dy) by the inverse of [[cos, sin], [-sin, cos]].
      return warp(img, (x, y) => [C + cos * (x - C) - sin * (y - C), C + sin * (x - C) + cos * (y - C)]);
    }
    case 'shift':
      return warp(img, (x, y) => [x - amount, y]);
    case 'zoom':
      return warp(img, (x, y) => [C + (x - C) / amount, C + (y - C) / amount]);
    case 'brighten':
      return Uint8Array.from(img, (v) => Math.min(255, Math.round(v * amount)));
    case 'downsample': {
      const b = Math.round(amount);
      const out = new Uint8Array(IMAGE_PIXELS);
      for (let by = 0; by < IMAGE_SIDE; by += b)
        for (let bx = 0; bx < IMAGE_SIDE; bx += b) {
          let sum = 0;
          let count = 0;
          for (let y = by; y < Math.min(IMAGE_SIDE, by + b); y++)
            for (let x = bx; x < Math.min(IMAGE_SIDE, bx + b); x++) {
              sum += img[y * IMAGE_SIDE + x]!;
              count++;
            }
          const mean = Math.round(sum / count);
          for (let y = by; y < Math.min(IMAGE_SIDE, by + b); y++)
            for (let x = bx; x < Math.min(IMAGE_SIDE, bx + b); x++) out[y * IMAGE_SIDE + x] = mean;
        }
      return out;
    }
  }
}

/** Evenly spaced amounts from the identity to `end`, `steps` of them (both ends included). */
export function transformAmounts(kind: TransformKind, end: number, steps: number): number[] {
  const start = TRANSFORM_RANGE[kind].identity;
  return Array.from({ length: steps }, (_, i) => start + ((end - start) * i) / (steps - 1));
}

/** Each amount applied to `img`: `amounts.length * 784` bytes. */
export function transformSeries(img: Uint8Array, kind: TransformKind, amounts: readonly number[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(amounts.length * IMAGE_PIXELS);
  amounts.forEach((a, i) => out.set(transformImage(img, kind, a), i * IMAGE_PIXELS));
  return out;
}
