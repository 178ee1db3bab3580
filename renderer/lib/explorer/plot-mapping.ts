/**
 * Latent plane <-> plot pixels. The plot keeps one latent unit equally long on both axes (distances in the
 * picture are distances in the code space) and applies a d3-zoom style transform `{k, x, y}` on top of a base
 * fit. Pure: no DOM, so the scatter, the tests and the benchmark share it.
 */

/** `pixel = a * value + b`, CSS pixels. */
export interface Linear {
  readonly a: number;
  readonly b: number;
}

/** Both axes of the plot; `y.a` is negative since screen y grows downwards. */
export interface PlotMapping {
  readonly x: Linear;
  readonly y: Linear;
}

/** A rectangle of the latent plane. */
export interface Domain {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** A d3-zoom transform: scale `k`, then translate by `x`, `y` CSS pixels. */
export interface ZoomState {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

export const IDENTITY: ZoomState = Object.freeze({ k: 1, x: 0, y: 0 });

function quantile(sorted: Float32Array, q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/**
 * The region worth showing at first: the 0.1%..99.9% quantiles of the codes (a few far outliers would
 * otherwise squash the cloud into a corner) padded by `pad` of the span on each side.
 */
export function dataDomain(xs: Float32Array, ys: Float32Array, pad = 0.06): Domain {
  if (xs.length === 0) return { x0: -1, x1: 1, y0: -1, y1: 1 };
  const sx = Float32Array.from(xs).sort();
  const sy = Float32Array.from(ys).sort();
  let x0 = quantile(sx, 0.001),
    x1 = quantile(sx, 0.999);
  let y0 = quantile(sy, 0.001),
    y1 = quantile(sy, 0.999);
  if (!(x1 > x0)) [x0, x1] = [x0 - 1, x0 + 1];
  if (!(y1 > y0)) [y0, y1] = [y0 - 1, y0 + 1];
  const px = (x1 - x0) * pad,
    py = (y1 - y0) * pad;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/** Fit `domain` centred into a `width` x `height` plot with equal units on both axes. */
export function fitMapping(domain: Domain, width: number, height: number): PlotMapping {
  const a = Math.min(width / (domain.x1 - domain.x0), height / (domain.y1 - domain.y0));
  const cx = (domain.x0 + domain.x1) / 2,
    cy = (domain.y0 + domain.y1) / 2;
  return { x: { a, b: width / 2 - a * cx }, y: { a: -a, b: height / 2 + a * cy } };
}

/** The base mapping seen through a zoom transform. */
export function zoomMapping(base: PlotMapping, t: ZoomState): PlotMapping {
  return {
    x: { a: base.x.a * t.k, b: base.x.b * t.k + t.x },
    y: { a: base.y.a * t.k, b: base.y.b * t.k + t.y },
  };
}

export function toPixel(m: PlotMapping, x: number, y: number): [number, number] {
  return [m.x.a * x + m.x.b, m.y.a * y + m.y.b];
}

export function toLatent(m: PlotMapping, px: number, py: number): [number, number] {
  return [(px - m.x.b) / m.x.a, (py - m.y.b) / m.y.a];
}

/** The latent rectangle a `width` x `height` plot shows. */
export function visibleDomain(m: PlotMapping, width: number, height: number): Domain {
  const [x0, y1] = toLatent(m, 0, 0);
  const [x1, y0] = toLatent(m, width, height);
  return { x0, x1, y0, y1 };
}

/** The zoom transform under which `base` shows `domain` (centred, equal units): restores a saved view. */
export function zoomForDomain(base: PlotMapping, domain: Domain, width: number, height: number): ZoomState {
  const target = fitMapping(domain, width, height);
  const k = target.x.a / base.x.a;
  return { k, x: target.x.b - base.x.b * k, y: target.y.b - base.y.b * k };
}

/** Multiply a mapping by `s` (device pixels per CSS pixel). */
export function scaleMapping(m: PlotMapping, s: number): PlotMapping {
  return { x: { a: m.x.a * s, b: m.x.b * s }, y: { a: m.y.a * s, b: m.y.b * s } };
}

/** CSS-pixel move of an arrow key (`shift`: a larger step), or null for any other key. */
export function nudgeStep(key: string, shift: boolean): [number, number] | null {
  const d = ({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as Record<string, [number, number]>)[key];
  const step = shift ? 10 : 2;
  return d ? [d[0] * step, d[1] * step] : null;
}
