/**
 * Points as pixels. Drawing 70k points as canvas paths costs ~75 ms a frame in software raster; writing
 * 32-bit words into an `ImageData` buffer costs ~2 ms, so the scatter draws here and blits once.
 * Pure: buffers in, buffers out.
 */
import type { PlotMapping } from './plot-mapping.js';

/** Which points are drawn: a split range and a set of hidden classes. */
export interface PointFilter {
  /** Indices `[start, end)` of the split shown (train is `[0, trainCount)`). */
  readonly start: number;
  readonly end: number;
  /** Bit `c` set hides class `c`. */
  readonly hiddenMask: number;
}

export type Split = 'all' | 'train' | 'test';

/** The index range of a split, train first then test as the embedding orders them. */
export function splitRange(split: Split, trainCount: number, total: number): [number, number] {
  if (split === 'train') return [0, trainCount];
  if (split === 'test') return [trainCount, total];
  return [0, total];
}

/** Hidden classes as a bit mask. */
export function hiddenMask(hidden: Iterable<number>): number {
  let m = 0;
  for (const c of hidden) m |= 1 << c;
  return m;
}

/** The indices a filter lets through. */
export function visibleIndices(labels: Uint8Array, f: PointFilter): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(Math.max(0, f.end - f.start));
  let n = 0;
  for (let i = f.start; i < f.end; i++) if (!((f.hiddenMask >> labels[i]) & 1)) out[n++] = i;
  return out.slice(0, n);
}

/**
 * Side of a point's square in device pixels: grows gently with zoom so sparse views stay readable, and with fewer
 * points in the set, so a run of a few hundred codes reads as dots rather than specks. The set's size, not the
 * filter's: hiding classes does not resize the dots. From 20,000 points on (MNIST's 70,000) only the zoom counts.
 */
export function pointSize(k: number, dpr = 1, points = 70_000): number {
  const sparse = Math.min(4, Math.max(0, 0.5 * Math.log2(20_000 / Math.max(1, points))));
  const size = Math.round((1.6 + Math.log2(Math.max(1, k)) * 0.7 + sparse) * dpr);
  return Math.max(1, Math.min(6 + Math.round(sparse * dpr), size));
}

/**
 * Write each listed point as a `size` x `size` square of its class colour into `out` (a `width` x `height`
 * RGBA buffer viewed as words). `mapping` is in device pixels. Returns how many points landed in view.
 */
export function rasterize(
  out: Uint32Array,
  width: number,
  height: number,
  xs: Float32Array,
  ys: Float32Array,
  labels: Uint8Array,
  indices: Uint32Array,
  colors: Uint32Array,
  mapping: PlotMapping,
  size: number,
): number {
  const { a: ax, b: bx } = mapping.x;
  const { a: ay, b: by } = mapping.y;
  const half = size >> 1;
  let drawn = 0;
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    const px = Math.round(ax * xs[i] + bx) - half;
    const py = Math.round(ay * ys[i] + by) - half;
    if (px + size <= 0 || py + size <= 0 || px >= width || py >= height) continue;
    drawn++;
    const c = colors[labels[i]];
    const x0 = px < 0 ? 0 : px,
      x1 = px + size > width ? width : px + size;
    const y0 = py < 0 ? 0 : py,
      y1 = py + size > height ? height : py + size;
    for (let y = y0; y < y1; y++) {
      const row = y * width;
      for (let x = x0; x < x1; x++) out[row + x] = c;
    }
  }
  return drawn;
}

/**
 * The listed points inside the plot (with a `margin` of CSS pixels), in listing order, at most `max`:
 * the candidates for thumbnails. Returns null when more than `max` are in view (too many to draw as images).
 */
export function pointsInView(
  xs: Float32Array,
  ys: Float32Array,
  indices: Uint32Array,
  mapping: PlotMapping,
  width: number,
  height: number,
  max: number,
  margin = 16,
): Uint32Array<ArrayBuffer> | null {
  const out = new Uint32Array(max);
  let n = 0;
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    const px = mapping.x.a * xs[i] + mapping.x.b;
    const py = mapping.y.a * ys[i] + mapping.y.b;
    if (px < -margin || py < -margin || px > width + margin || py > height + margin) continue;
    if (n === max) return null;
    out[n++] = i;
  }
  return out.slice(0, n);
}

/**
 * Blend a grey 28x28 digit, scaled to `size` x `size` device pixels (nearest neighbour, so strokes stay crisp)
 * and centred on (cx, cy), into an RGBA buffer: ink takes colour `rgb` with opacity grey/255, paper stays
 * transparent. Thumbnails drawn this way cost a few ms for a thousand digits, where canvas `drawImage`
 * calls cost tens in software raster.
 */
export function blitDigit(
  out: Uint8ClampedArray,
  width: number,
  height: number,
  grey: Uint8Array,
  offset: number,
  rgb: readonly [number, number, number],
  cx: number,
  cy: number,
  size: number,
): void {
  const x0 = Math.round(cx - size / 2),
    y0 = Math.round(cy - size / 2);
  const xa = Math.max(0, x0),
    xb = Math.min(width, x0 + size);
  const ya = Math.max(0, y0),
    yb = Math.min(height, y0 + size);
  const step = 28 / size;
  const [r, g, b] = rgb;
  for (let y = ya; y < yb; y++) {
    const row = offset + Math.min(27, Math.floor((y - y0) * step)) * 28;
    let o = (y * width + xa) * 4;
    for (let x = xa; x < xb; x++, o += 4) {
      const v = grey[row + Math.min(27, Math.floor((x - x0) * step))];
      if (v === 0) continue;
      const a = v / 255;
      out[o] += (r - out[o]) * a;
      out[o + 1] += (g - out[o + 1]) * a;
      out[o + 2] += (b - out[o + 2]) * a;
    }
  }
}
