/**
 * The 10-class palette for digit labels. Okabe & Ito's colour-blind-safe set (7 hues, black left out because it
 * outweighs every other class in a dense scatter) completed with three of Paul Tol's "muted" colours, which stay
 * distinct from it under the common colour-vision deficiencies. Index = class label.
 * Okabe & Ito, "Color Universal Design" (2008); Tol, "Colour Schemes", SRON/EPS/TN/09-002.
 */
export const CLASS_COLORS: readonly string[] = Object.freeze([
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#E8C900', // yellow, a shade darker than Okabe-Ito's #F0E442 so it reads on white
  '#332288', // indigo (Tol)
  '#999933', // olive (Tol)
  '#882255', // wine (Tol)
]);

/** Colour of a class label (wraps past 10) as `[r, g, b]`, each 0..255. */
export function classColorRgb(label: number): [number, number, number] {
  const hex = classColor(label);
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/** Colour of a class label (wraps past 10) as `#rrggbb`. */
export function classColor(label: number): string {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((Math.trunc(label) % n) + n) % n]!;
}
