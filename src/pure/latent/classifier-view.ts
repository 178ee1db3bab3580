/** The classifier's view of the plane: where predictions flip along a path, and a lattice shaded by class. */
import { classColorRgb } from '../figures/palette.js';

export interface Flip {
  /** The flip lies between path points `index` and `index + 1`. */
  index: number;
  from: number;
  to: number;
}

/** Every place along a path where the predicted class changes from one point to the next. */
export function flipPoints(labels: ArrayLike<number>): Flip[] {
  const out: Flip[] = [];
  for (let i = 0; i + 1 < labels.length; i++) if (labels[i] !== labels[i + 1]) out.push({ index: i, from: labels[i]!, to: labels[i + 1]! });
  return out;
}

/**
 * RGBA pixels (`n * n * 4`, row 0 at the top as `gridPoints` orders them) of a lattice's predictions: the class
 * colour, its opacity growing with the classifier's confidence (from 10% of `alpha` at chance to `alpha` at 1).
 */
export function shadeLattice(
  labels: ArrayLike<number>,
  confidence: ArrayLike<number>,
  classes: number,
  alpha = 0.55,
): Uint8ClampedArray<ArrayBuffer> {
  const n = labels.length;
  const out = new Uint8ClampedArray(n * 4);
  const chance = 1 / Math.max(1, classes);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = classColorRgb(labels[i]!);
    const c = Math.max(0, Math.min(1, (confidence[i]! - chance) / (1 - chance)));
    out.set([r, g, b, Math.round(255 * alpha * (0.1 + 0.9 * c))], i * 4);
  }
  return out;
}
