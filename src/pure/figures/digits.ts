/**
 * Digit images inside SVG: each image (or a whole mosaic of them) becomes a grey PNG data URI in an `<image>`
 * drawn with nearest-neighbour scaling, so 28x28 pixels stay crisp squares at any figure size.
 */
import { pngDataUri } from './png.js';
import { tag, type Attrs } from './svg.js';
import { IMAGE_SIDE } from '../data/image.js';

/** `mnist`: white strokes on black, as the data set stores them. `ink`: dark strokes on white paper. */
export type DigitTone = 'mnist' | 'ink';

/** Side of one MNIST image in pixels. */
export const DIGIT_SIDE = IMAGE_SIDE;

/** Packed images: bytes 0..255 or floats 0..1, `side * side` values per image, row-major. */
export type PackedImages = Uint8Array | Float32Array;

function byteAt(images: PackedImages, i: number): number {
  const v = images[i]!;
  return images instanceof Uint8Array ? v : Math.max(0, Math.min(255, Math.round(v * 255)));
}

/** Number of whole images in a packed array. */
export function imageCount(images: PackedImages, side = DIGIT_SIDE): number {
  return Math.floor(images.length / (side * side));
}

/**
 * Tiles images into one grey PNG, `cols` per row, `gap` background pixels between tiles, as a data URI.
 * `indices` picks and orders images; default all, in order.
 */
export function mosaicUri(
  images: PackedImages,
  opts: { cols: number; tone: DigitTone; gap?: number; side?: number; indices?: readonly number[] },
): { uri: string; width: number; height: number } {
  const side = opts.side ?? DIGIT_SIDE;
  const gap = opts.gap ?? 0;
  const indices = opts.indices ?? Array.from({ length: imageCount(images, side) }, (_, i) => i);
  const cols = Math.max(1, Math.min(opts.cols, indices.length));
  const rows = Math.ceil(indices.length / cols);
  const width = cols * side + (cols - 1) * gap;
  const height = rows * side + (rows - 1) * gap;
  const background = opts.tone === 'ink' ? 255 : 0;
  const pixels = new Uint8Array(width * height).fill(background);
  indices.forEach((img, k) => {
    const ox = (k % cols) * (side + gap);
    const oy = Math.floor(k / cols) * (side + gap);
    const base = img * side * side;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = byteAt(images, base + r * side + c);
        pixels[(oy + r) * width + ox + c] = opts.tone === 'ink' ? 255 - v : v;
      }
    }
  });
  return { uri: pngDataUri(pixels, width, height, 1), width, height };
}

/** One image of a packed array as a grey PNG data URI. */
export function digitUri(images: PackedImages, index: number, tone: DigitTone, side = DIGIT_SIDE): string {
  return mosaicUri(images, { cols: 1, tone, side, indices: [index] }).uri;
}

/** An `<image>` showing a data URI at (x, y) with the given size in px, pixels kept square and sharp. */
export function imageTag(uri: string, x: number, y: number, width: number, height: number, a: Attrs = {}): string {
  return tag('image', {
    x,
    y,
    width,
    height,
    href: uri,
    preserveAspectRatio: 'none',
    // resvg honours only `optimizeSpeed`, Chromium only `pixelated`: each drops the declaration it does not
    // know, so `pixelated` must come first (resvg would otherwise take it and fall back to smoothing).
    'image-rendering': 'optimizeSpeed',
    style: 'image-rendering:pixelated;image-rendering:optimizeSpeed',
    ...a,
  });
}
