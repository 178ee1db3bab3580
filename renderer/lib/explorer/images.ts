/**
 * Grey 28x28 bytes -> RGBA pixels for canvases. Pure; the tests and the e2e assertions rely on the exact
 * mapping (grey value v becomes r = g = b = v, opaque), so what a canvas shows is what the engine returned.
 */
import { IMAGE_PIXELS } from '../../../src/pure/api/api.js';
import { IMAGE_SIDE } from '../../../src/pure/data/image.js';

export const SIDE = IMAGE_SIDE;

/** One image of `bytes` (offset `index * 784`) as opaque grey RGBA. */
export function greyToRgba(bytes: Uint8Array, index = 0): Uint8ClampedArray {
  const out = new Uint8ClampedArray(IMAGE_PIXELS * 4);
  const base = index * IMAGE_PIXELS;
  for (let p = 0; p < IMAGE_PIXELS; p++) {
    const v = bytes[base + p];
    out[p * 4] = v;
    out[p * 4 + 1] = v;
    out[p * 4 + 2] = v;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/**
 * `count` images laid out in a grid of `cols` columns, row-major, as one RGBA buffer of
 * `(cols * 28) x (rows * 28)`, with `gap` background pixels between cells.
 */
export function tileImages(
  bytes: Uint8Array,
  count: number,
  cols: number,
  gap = 0,
  background = 0,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  const rows = Math.ceil(count / cols);
  const width = cols * SIDE + (cols - 1) * gap;
  const height = rows * SIDE + (rows - 1) * gap;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(background);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  for (let n = 0; n < count; n++) {
    const cx = (n % cols) * (SIDE + gap),
      cy = Math.floor(n / cols) * (SIDE + gap);
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const v = bytes[n * IMAGE_PIXELS + y * SIDE + x];
        const o = ((cy + y) * width + cx + x) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = v;
      }
    }
  }
  return { rgba, width, height };
}

/** A digit as a thumbnail: ink in `rgb`, alpha from the grey value, so the map shows through the background. */
export function tintedDigit(bytes: Uint8Array, index: number, rgb: readonly [number, number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(IMAGE_PIXELS * 4);
  const base = index * IMAGE_PIXELS;
  for (let p = 0; p < IMAGE_PIXELS; p++) {
    out[p * 4] = rgb[0];
    out[p * 4 + 1] = rgb[1];
    out[p * 4 + 2] = rgb[2];
    out[p * 4 + 3] = bytes[base + p];
  }
  return out;
}

/** Pixel-space cross-fade `(1 - t) a + t b`, rounded: what the pixel strip shows at `t`. */
export function blendPixels(a: Uint8Array, b: Uint8Array, t: number): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Math.round((1 - t) * a[i] + t * b[i]);
  return out;
}

/** Image `index` of a packed buffer of 784-byte images, as a view (no copy). */
export function imageAt(bytes: Uint8Array, index: number): Uint8Array {
  return bytes.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS);
}
