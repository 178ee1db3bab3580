/** The inpainting brush: a round stroke on a 28x28 mask, drawn in image pixels. Pure. */
import { IMAGE_SIDE } from '../../../src/pure/data/image.js';

export const SIDE = IMAGE_SIDE;

/** A copy of `mask` with a disc of `radius` image pixels around (x, y) set to 1. */
export function paintDisc(mask: Uint8Array<ArrayBuffer>, x: number, y: number, radius: number): Uint8Array<ArrayBuffer> {
  const out = mask.slice();
  const r2 = radius * radius;
  for (let py = Math.floor(y - radius); py <= Math.ceil(y + radius); py++) {
    for (let px = Math.floor(x - radius); px <= Math.ceil(x + radius); px++) {
      if (px < 0 || py < 0 || px >= SIDE || py >= SIDE) continue;
      if ((px + 0.5 - x) ** 2 + (py + 0.5 - y) ** 2 <= r2) out[py * SIDE + px] = 1;
    }
  }
  return out;
}

/** A copy of `mask` painted along the segment (x0, y0) -> (x1, y1), in steps of half a pixel. */
export function paintStroke(
  mask: Uint8Array<ArrayBuffer>,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  radius: number,
): Uint8Array<ArrayBuffer> {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2));
  let out = mask;
  for (let s = 0; s <= steps; s++) out = paintDisc(out, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, radius);
  return out === mask ? mask.slice() : out;
}

/** Pixels set in a mask. */
export function maskArea(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v ? 1 : 0;
  return n;
}
