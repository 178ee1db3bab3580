/**
 * Kernels as pictures: each unit's incoming weights on a diverging map (blue negative, white zero, red
 * positive), the colouring the kernels figure uses, so the view and its export agree. Pure.
 */
import { interpolateRdBu, rgb } from 'd3';

const LUT = Array.from({ length: 256 }, (_, i) => {
  const c = rgb(interpolateRdBu(1 - i / 255));
  return [c.r, c.g, c.b] as const;
});

/** The colour of weight `w` on a scale from -limit (blue) to +limit (red). */
export function weightColor(w: number, limit: number): readonly [number, number, number] {
  return LUT[Math.max(0, Math.min(255, Math.round(((w / limit + 1) / 2) * 255)))]!;
}

/**
 * `count` kernels (`count * side * side`, kernel-major) tiled `cols` per row with `gap` pixels between them,
 * as one opaque RGBA buffer of `(cols * side + (cols - 1) * gap) x (rows * side + (rows - 1) * gap)`.
 */
export function kernelTiles(
  kernels: Float32Array,
  count: number,
  side: number,
  limit: number,
  cols: number,
  gap = 1,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  const rows = Math.max(1, Math.ceil(count / cols));
  const width = cols * side + (cols - 1) * gap;
  const height = rows * side + (rows - 1) * gap;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  const area = side * side;
  for (let k = 0; k < count; k++) {
    const ox = (k % cols) * (side + gap),
      oy = Math.floor(k / cols) * (side + gap);
    for (let p = 0; p < area; p++) {
      const [r, g, b] = weightColor(kernels[k * area + p]!, limit);
      const o = ((oy + Math.floor(p / side)) * width + ox + (p % side)) * 4;
      rgba[o] = r;
      rgba[o + 1] = g;
      rgba[o + 2] = b;
    }
  }
  return { rgba, width, height };
}

/** Kernel-major rows back to a layer's `[side * side, count]` layout, the shape the kernels figure takes. */
export function toLayerLayout(kernels: Float32Array, count: number, area: number): Float32Array {
  const out = new Float32Array(count * area);
  for (let k = 0; k < count; k++) for (let p = 0; p < area; p++) out[p * count + k] = kernels[k * area + p]!;
  return out;
}
