/**
 * A hand drawing -> an MNIST-like 28x28 image. MNIST digits were size-normalised into a 20x20 box (aspect
 * kept) and centred by centre of mass in the 28x28 field (LeCun et al.); an encoder only understands input
 * prepared the same way, so a drawing goes through the same steps. Pure.
 */
import { IMAGE_PIXELS } from '../../../src/pure/api/api.js';

/** Bounding box of pixels above `threshold` in a `size` x `size` ink buffer, or null when blank. */
export function inkBounds(ink: Uint8Array, size: number, threshold = 16): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = size,
    y0 = size,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (ink[y * size + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Area-average resample of a box of `src` (`size` wide) into a `w` x `h` float image. */
function resample(
  src: Uint8Array,
  size: number,
  box: { x0: number; y0: number; x1: number; y1: number },
  w: number,
  h: number,
): Float32Array {
  const out = new Float32Array(w * h);
  const sx = (box.x1 - box.x0) / w,
    sy = (box.y1 - box.y0) / h;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const fx0 = box.x0 + x * sx,
        fy0 = box.y0 + y * sy;
      let sum = 0,
        area = 0;
      for (let yy = Math.floor(fy0); yy < Math.ceil(fy0 + sy); yy++) {
        const wy = Math.min(yy + 1, fy0 + sy) - Math.max(yy, fy0);
        for (let xx = Math.floor(fx0); xx < Math.ceil(fx0 + sx); xx++) {
          const wx = Math.min(xx + 1, fx0 + sx) - Math.max(xx, fx0);
          sum += src[yy * size + xx] * wx * wy;
          area += wx * wy;
        }
      }
      out[y * w + x] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/**
 * Normalise a `size` x `size` ink buffer (0 = paper, 255 = ink) into 784 MNIST-style bytes: crop to the ink,
 * scale the longer side to 20 px, centre by centre of mass. A blank drawing gives a blank image.
 */
export function normaliseDrawing(ink: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(IMAGE_PIXELS);
  const box = inkBounds(ink, size);
  if (!box) return out;
  const bw = box.x1 - box.x0,
    bh = box.y1 - box.y0;
  const scale = 20 / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * scale)),
    h = Math.max(1, Math.round(bh * scale));
  const small = resample(ink, size, box, w, h);
  let mass = 0,
    mx = 0,
    my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const ox = Math.round(14 - mx / mass),
    oy = Math.round(14 - my / mass);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + ox,
        ty = y + oy;
      if (tx < 0 || ty < 0 || tx >= 28 || ty >= 28) continue;
      out[ty * 28 + tx] = Math.min(255, Math.round(small[y * w + x]));
    }
  }
  return out;
}
