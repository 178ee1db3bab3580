/**
 * Any picture to the app's 28x28 grey with MNIST's polarity (light ink on black), shared by the page's import
 * (which draws with a canvas) and the engine's (which decodes PNG itself). Pure.
 */
import { IMAGE_PIXELS, IMAGE_SIDE } from './image.js';

/**
 * 28x28 RGBA pixels to grey bytes with MNIST's polarity: luminance, inverted when the border is light (dark
 * ink on white paper, as most photos and scans are).
 */
export function toGrey(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const grey = new Uint8Array(IMAGE_PIXELS);
  let border = 0,
    borderCount = 0;
  for (let i = 0; i < IMAGE_PIXELS; i++) {
    const a = rgba[i * 4 + 3]! / 255;
    // Transparent pixels count as white paper.
    const v = Math.round((0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!) * a + 255 * (1 - a));
    grey[i] = v;
    const x = i % 28,
      y = (i / 28) | 0;
    if (x === 0 || y === 0 || x === 27 || y === 27) {
      border += v;
      borderCount++;
    }
  }
  if (border / borderCount > 127) for (let i = 0; i < IMAGE_PIXELS; i++) grey[i] = 255 - grey[i]!;
  return grey;
}

/**
 * A `width` x `height` RGBA picture fitted into 28x28 RGBA, aspect kept and centred (transparent margins), by
 * averaging the source pixels under each target pixel's centre (nearest neighbour).
 */
export function fit28(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(IMAGE_PIXELS * 4);
  const s = IMAGE_SIDE / Math.max(width, height);
  const w = width * s,
    h = height * s;
  const ox = (IMAGE_SIDE - w) / 2,
    oy = (IMAGE_SIDE - h) / 2;
  for (let y = 0; y < IMAGE_SIDE; y++) {
    const sy = Math.floor((y + 0.5 - oy) / s);
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < IMAGE_SIDE; x++) {
      const sx = Math.floor((x + 0.5 - ox) / s);
      if (sx < 0 || sx >= width) continue;
      out.set(rgba.subarray((sy * width + sx) * 4, (sy * width + sx) * 4 + 4), (y * IMAGE_SIDE + x) * 4);
    }
  }
  return out;
}
