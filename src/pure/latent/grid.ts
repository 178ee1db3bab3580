/**
 * Latent points of an `n x n` manifold grid over the box [x0, x1] x [y0, y1], at **cell centres**: the box is cut
 * into n x n equal cells and each point sits in the middle of its cell, so the decoded tiles, drawn side by side,
 * cover exactly the box. Row 0 is the TOP row (largest y, near y1), as images are drawn; columns run x0 -> x1.
 * @returns `n * n * 2` floats, interleaved x, y, row-major (point `(row, col)` at index `2 * (row * n + col)`).
 */
export function gridPoints(x0: number, x1: number, y0: number, y1: number, n: number): Float32Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`grid side must be a positive integer, got ${n}`);
  const out = new Float32Array(n * n * 2);
  const dx = (x1 - x0) / n;
  const dy = (y1 - y0) / n;
  for (let row = 0; row < n; row++) {
    const y = y1 - (row + 0.5) * dy;
    for (let col = 0; col < n; col++) {
      const i = 2 * (row * n + col);
      out[i] = x0 + (col + 0.5) * dx;
      out[i + 1] = y;
    }
  }
  return out;
}
