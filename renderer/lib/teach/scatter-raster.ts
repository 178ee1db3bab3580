/** A small static scatter for the PCA lesson: interleaved x, y points into canvas pixels, padded. Pure. */

export interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The bounding box of interleaved points, padded by `pad` of its size on each side (never zero-sized). */
export function extentOf(xy: ArrayLike<number>, pad = 0.05): Frame {
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i]!,
      y = xy[i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (x0 > x1) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const wx = x1 - x0 || 1,
    wy = y1 - y0 || 1;
  return { x0: x0 - wx * pad, x1: x1 + wx * pad, y0: y0 - wy * pad, y1: y1 + wy * pad };
}

/** Canvas position (y down) of point (x, y) in a `width x height` plot of `frame`. */
export function toPixel(frame: Frame, width: number, height: number, x: number, y: number): [number, number] {
  return [((x - frame.x0) / (frame.x1 - frame.x0)) * width, ((frame.y1 - y) / (frame.y1 - frame.y0)) * height];
}
