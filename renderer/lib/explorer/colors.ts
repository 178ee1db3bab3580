/** The shared class palette in the forms the explorer's canvases need. Pure. */
import { CLASS_COLORS, classColorRgb } from '../../../src/pure/figures/palette.js';

/**
 * Opaque class colours packed as 32-bit words in the byte order of a little-endian `ImageData` buffer viewed
 * as a `Uint32Array` (0xAABBGGRR), so the rasteriser writes one word per pixel.
 */
export function packedClassColors(count = CLASS_COLORS.length): Uint32Array {
  const out = new Uint32Array(count);
  for (let c = 0; c < count; c++) {
    const [r, g, b] = classColorRgb(c);
    out[c] = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  return out;
}

/** `#rrggbb` -> the same packed word, for backgrounds. */
export function packRgb(r: number, g: number, b: number): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
