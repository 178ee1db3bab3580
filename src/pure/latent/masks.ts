/** Masks over a 28x28 image for inpainting: 1 = hidden, 0 = visible. */
import { IMAGE_PIXELS, IMAGE_SIDE } from '../data/image.js';

export const MASK_SHAPES = ['bottom', 'top', 'left', 'right', 'centre'] as const;
export type MaskShape = (typeof MASK_SHAPES)[number];

/** A half of the image hidden (or the central 14x14 square for `centre`). */
export function halfMask(shape: MaskShape): Uint8Array {
  const h = IMAGE_SIDE / 2;
  const q = IMAGE_SIDE / 4;
  const out = new Uint8Array(IMAGE_PIXELS);
  for (let y = 0; y < IMAGE_SIDE; y++)
    for (let x = 0; x < IMAGE_SIDE; x++) {
      const hide =
        shape === 'bottom'
          ? y >= h
          : shape === 'top'
            ? y < h
            : shape === 'left'
              ? x < h
              : shape === 'right'
                ? x >= h
                : x >= q && x < 3 * q && y >= q && y < 3 * q;
      out[y * IMAGE_SIDE + x] = hide ? 1 : 0;
    }
  return out;
}

/** Paints a disc of `radius` pixels centred at (cx, cy) into `mask` (1 = hidden, or 0 with `erase`). */
export function paintMask(mask: Uint8Array, cx: number, cy: number, radius: number, erase = false): void {
  for (let y = Math.max(0, Math.floor(cy - radius)); y <= Math.min(IMAGE_SIDE - 1, Math.ceil(cy + radius)); y++)
    for (let x = Math.max(0, Math.floor(cx - radius)); x <= Math.min(IMAGE_SIDE - 1, Math.ceil(cx + radius)); x++)
      if ((x - cx) ** 2 + (y - cy) ** 2 <= radius * radius) mask[y * IMAGE_SIDE + x] = erase ? 0 : 1;
}
