import { describe, expect, it } from 'vitest';
import { inkBounds, normaliseDrawing } from '../../../renderer/lib/explorer/draw-pad.js';
import { readMnistSlice } from './mnist-slice.js';

/** Blow a 28x28 image up by `f` (nearest neighbour) and shift it: a drawing on a big pad. */
function upscale(img: Uint8Array, f: number, size: number, dx: number, dy: number): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < 28 * f; y++)
    for (let x = 0; x < 28 * f; x++) out[(y + dy) * size + x + dx] = img[Math.floor(y / f) * 28 + Math.floor(x / f)];
  return out;
}

function centreOfMass(img: Uint8Array): [number, number] {
  let m = 0,
    mx = 0,
    my = 0;
  for (let i = 0; i < 784; i++) {
    m += img[i];
    mx += img[i] * ((i % 28) + 0.5);
    my += img[i] * (Math.floor(i / 28) + 0.5);
  }
  return [mx / m, my / m];
}

describe('draw pad', () => {
  it('normaliseDrawing of a blank pad is a blank image', () => {
    expect(normaliseDrawing(new Uint8Array(200 * 200), 200).every((v) => v === 0)).toBe(true);
  });

  it('inkBounds finds the box around the ink', () => {
    const ink = new Uint8Array(10 * 10);
    ink[3 * 10 + 2] = 255;
    ink[6 * 10 + 8] = 255;
    expect(inkBounds(ink, 10)).toEqual({ x0: 2, y0: 3, x1: 9, y1: 7 });
  });

  it('normaliseDrawing turns a scaled, shifted MNIST digit back into a centred 20-pixel digit like the original', () => {
    const { images } = readMnistSlice(3);
    for (let n = 0; n < 3; n++) {
      const digit = images.subarray(n * 784, (n + 1) * 784);
      const out = normaliseDrawing(upscale(digit, 8, 280, 40, 12), 280);
      const b = inkBounds(out, 28)!;
      expect(Math.max(b.x1 - b.x0, b.y1 - b.y0)).toBeGreaterThanOrEqual(19);
      expect(Math.max(b.x1 - b.x0, b.y1 - b.y0)).toBeLessThanOrEqual(21);
      const [cx, cy] = centreOfMass(out);
      expect(Math.abs(cx - 14)).toBeLessThan(1);
      expect(Math.abs(cy - 14)).toBeLessThan(1);
      // Same digit: strong correlation with the original MNIST image.
      let dot = 0,
        na = 0,
        nb = 0;
      for (let i = 0; i < 784; i++) {
        dot += out[i] * digit[i];
        na += out[i] ** 2;
        nb += digit[i] ** 2;
      }
      expect(dot / Math.sqrt(na * nb)).toBeGreaterThan(0.7);
    }
  });
});
