/**
 * Latent scatter: one dot per image, coloured by class, with axes and a legend. Up to `rasterThreshold` points
 * are vector circles; above it the dots are composited into one PNG layer inside the SVG, exactly as the same
 * circles would stack (source-over alpha), so dense regions stay dense while a 100,000-point figure stays small.
 */
import { extent, line, scaleLinear } from 'd3';
import { axisBottom, axisLeft, gridLines } from './axis.js';
import { imageTag } from './digits.js';
import { classColor, classColorRgb } from './palette.js';
import { pngDataUri } from './png.js';
import { frame, frameLayout, INK, LABEL_SIZE, textWidth, type Box, type FigureOptions } from './style.js';
import { group, tag, text } from './svg.js';

const defaults = {
  xLabel: 'z_1',
  yLabel: 'z_2',
  legend: true,
  /** Dot radius, px. */
  radius: 2.5,
  opacity: 0.8,
  rasterThreshold: 3000,
  /** Raster pixels per figure px: 2 keeps the layer sharp in a 2x PNG export. */
  rasterScale: 2,
  /** Raster dot radius (px) and opacity; null = from the point count, see {@link rasterDot}. */
  rasterRadius: null as number | null,
  rasterOpacity: null as number | null,
};

/**
 * Raster dots shrink and fade as points multiply, so 5,000 points read as clearly as circles and 100,000 keep
 * the density structure of their cores instead of saturating into blobs (both scale with n^-1/4..n^-1/2).
 */
function rasterDot(n: number, o: { rasterRadius: number | null; rasterOpacity: number | null }): { radius: number; opacity: number } {
  const ratio = 100_000 / Math.max(1, n);
  return {
    radius: o.rasterRadius ?? Math.min(2.2, Math.max(1.3, 1.3 * ratio ** 0.25)),
    opacity: o.rasterOpacity ?? Math.min(0.8, Math.max(0.3, 0.45 * Math.sqrt(ratio))),
  };
}

export interface ScatterData {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Class of each point, 0..9. */
  labels: ArrayLike<number>;
  /** Legend names, index = label; default the label digits. */
  classNames?: readonly string[];
}

export interface ScatterOptions extends FigureOptions {
  /** Visible latent range; default the data extent, padded and niced. Pass the view's zoom to export it as seen. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  xLabel?: string | null;
  yLabel?: string | null;
  legend?: boolean;
  radius?: number;
  opacity?: number;
  /** Point count above which dots become a raster layer. */
  rasterThreshold?: number;
  rasterScale?: number;
  /** Dot radius (px) and opacity in the raster layer; default from the point count. */
  rasterRadius?: number | null;
  rasterOpacity?: number | null;
  /** Indices of selected points, drawn as rings on top. */
  highlight?: readonly number[];
  /** A latent path (e.g. an interpolation) as interleaved x, y, drawn on top. */
  path?: ArrayLike<number>;
  /** Latent points marked on top: a labelled ring (e.g. interpolation ends A/B) or a crosshair across the plot. */
  markers?: readonly ScatterMarker[];
  /**
   * An image laid over the dots across the latent box `x0..x1, y0..y1` (e.g. the classifier's shading of the
   * plane, a PNG data URI with its confidence as alpha), drawn pixelated as the app shows it.
   */
  shade?: ScatterShade | null;
}

/** An image over a latent box, see {@link ScatterOptions.shade}. */
export interface ScatterShade {
  href: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A point of interest drawn over the dots, at latent (x, y). */
export interface ScatterMarker {
  x: number;
  y: number;
  kind: 'ring' | 'cross';
  /** A short label drawn in the ring, e.g. "A". */
  label?: string;
}

function domainOf(values: ArrayLike<number>, given?: readonly [number, number]): [number, number] {
  if (given) return [given[0], given[1]];
  const [lo = -1, hi = 1] = extent(Array.from(values).filter(Number.isFinite));
  const pad = (hi - lo || 1) * 0.04;
  return [lo - pad, hi + pad];
}

/**
 * Composites dots into RGBA pixels over the plot box: premultiplied source-over, anti-aliased disc edges.
 * Returns a PNG data URI of `ceil(box * scale)` pixels.
 */
function rasterLayer(data: ScatterData, px: (i: number) => [number, number], n: number, box: Box, o: typeof defaults): string {
  const s = o.rasterScale;
  const w = Math.ceil(box.width * s);
  const h = Math.ceil(box.height * s);
  const acc = new Float32Array(w * h * 4);
  const dot = rasterDot(n, o);
  const r = dot.radius * s;
  const reach = Math.ceil(r + 0.5);
  const rgb = Array.from({ length: 10 }, (_, l) => classColorRgb(l).map((c) => c / 255));
  for (let i = 0; i < n; i++) {
    const [fx, fy] = px(i);
    const cx = (fx - box.x) * s;
    const cy = (fy - box.y) * s;
    if (!(cx > -reach && cy > -reach && cx < w + reach && cy < h + reach)) continue;
    const [cr, cg, cb] = rgb[data.labels[i]! % 10]!;
    for (let yy = Math.max(0, Math.floor(cy - reach)); yy <= Math.min(h - 1, Math.ceil(cy + reach)); yy++) {
      for (let xx = Math.max(0, Math.floor(cx - reach)); xx <= Math.min(w - 1, Math.ceil(cx + reach)); xx++) {
        const dx = xx + 0.5 - cx;
        const dy = yy + 0.5 - cy;
        const d = Math.sqrt(dx * dx + dy * dy);
        const cover = Math.min(1, Math.max(0, r + 0.5 - d));
        if (cover <= 0) continue;
        const a = dot.opacity * cover;
        const k = (yy * w + xx) * 4;
        acc[k] = cr! * a + acc[k]! * (1 - a);
        acc[k + 1] = cg! * a + acc[k + 1]! * (1 - a);
        acc[k + 2] = cb! * a + acc[k + 2]! * (1 - a);
        acc[k + 3] = a + acc[k + 3]! * (1 - a);
      }
    }
  }
  const bytes = new Uint8Array(w * h * 4);
  for (let k = 0; k < acc.length; k += 4) {
    const a = acc[k + 3]!;
    if (a <= 0) continue;
    // Un-premultiply; quantising colour only where alpha is visible keeps empty space one run of zeros.
    bytes[k] = Math.round((acc[k]! / a) * 255);
    bytes[k + 1] = Math.round((acc[k + 1]! / a) * 255);
    bytes[k + 2] = Math.round((acc[k + 2]! / a) * 255);
    bytes[k + 3] = Math.round(a * 255);
  }
  return pngDataUri(bytes, w, h, 4);
}

/** Renders a latent scatter as an SVG document string. */
export function renderScatterSvg(data: ScatterData, options: ScatterOptions = {}): string {
  const o = { ...defaults, ...options } as typeof defaults & ScatterOptions;
  const n = Math.min(data.x.length, data.y.length, data.labels.length);
  const { plot } = frameLayout(o);
  const present = [...new Set(Array.from({ length: n }, (_, i) => data.labels[i]!))].sort((a, b) => a - b);
  const names = present.map((l) => data.classNames?.[l] ?? String(l));
  const legendWidth = o.legend && present.length ? Math.max(...names.map((s) => textWidth(s, LABEL_SIZE))) + 34 : 0;
  const box: Box = {
    x: plot.x + (o.yLabel ? 62 : 44),
    y: plot.y + 10,
    width: plot.width - (o.yLabel ? 62 : 44) - legendWidth - 8,
    height: plot.height - (o.xLabel ? 48 : 28) - 10,
  };
  const x = scaleLinear()
    .domain(domainOf(data.x, o.xDomain))
    .range([box.x, box.x + box.width]);
  const y = scaleLinear()
    .domain(domainOf(data.y, o.yDomain))
    .range([box.y + box.height, box.y]);
  if (!o.xDomain) x.nice();
  if (!o.yDomain) y.nice();
  const px = (i: number): [number, number] => [x(data.x[i]!), y(data.y[i]!)];
  const inside = (i: number) => {
    const [fx, fy] = px(i);
    return fx >= box.x && fx <= box.x + box.width && fy >= box.y && fy <= box.y + box.height;
  };

  let marks: string;
  if (n > o.rasterThreshold) {
    marks = group(
      `dots (raster, ${n} points)`,
      {},
      imageTag(rasterLayer(data, px, n, box, o), box.x, box.y, box.width, box.height, { 'image-rendering': null, style: null }),
    );
  } else {
    marks = group(
      'dots',
      { 'fill-opacity': o.opacity },
      ...present.map((label) =>
        group(
          `class ${data.classNames?.[label] ?? label}`,
          { fill: classColor(label) },
          ...Array.from({ length: n }, (_, i) => i)
            .filter((i) => data.labels[i] === label && inside(i))
            .map((i) => tag('circle', { cx: px(i)[0], cy: px(i)[1], r: o.radius })),
        ),
      ),
    );
  }

  const overlays: string[] = [];
  if (o.shade) {
    const [left, right] = [x(o.shade.x0), x(o.shade.x1)];
    const [top, bottom] = [y(o.shade.y1), y(o.shade.y0)];
    overlays.push(group('shade', {}, imageTag(o.shade.href, left, top, right - left, bottom - top)));
  }
  if (o.path && o.path.length >= 4) {
    const pts: [number, number][] = [];
    for (let k = 0; k + 1 < o.path.length; k += 2) pts.push([x(o.path[k]!), y(o.path[k + 1]!)]);
    const d = line()(pts) ?? '';
    overlays.push(
      group(
        'path',
        { fill: 'none', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' },
        tag('path', { d, stroke: '#ffffff', 'stroke-width': 4.5 }),
        tag('path', { d, stroke: INK, 'stroke-width': 2 }),
        ...[pts[0]!, pts[pts.length - 1]!].map(([cx, cy]) =>
          tag('circle', { cx, cy, r: 4.5, fill: INK, stroke: '#ffffff', 'stroke-width': 1.5 }),
        ),
      ),
    );
  }
  if (o.highlight?.length) {
    overlays.push(
      group(
        'selection',
        { fill: 'none' },
        ...o.highlight
          .filter((i) => i >= 0 && i < n && inside(i))
          .map((i) =>
            tag('circle', { cx: px(i)[0], cy: px(i)[1], r: o.radius + 4, stroke: INK, 'stroke-width': 2, 'paint-order': 'stroke' }),
          ),
      ),
    );
  }

  const markers = (o.markers ?? []).filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y));
  if (markers.length) {
    const within = (m: ScatterMarker) => x(m.x) >= box.x && x(m.x) <= box.x + box.width && y(m.y) >= box.y && y(m.y) <= box.y + box.height;
    overlays.push(
      group(
        'markers',
        {},
        ...markers.filter(within).map((m) => {
          const [cx, cy] = [x(m.x), y(m.y)];
          const ring = tag('circle', { cx, cy, r: m.label ? 8 : 7, fill: m.label ? '#ffffff' : 'none', stroke: INK, 'stroke-width': 2 });
          const hairs =
            m.kind === 'cross'
              ? [
                  tag('path', {
                    d: `M${box.x},${cy}H${box.x + box.width}M${cx},${box.y}V${box.y + box.height}`,
                    stroke: INK,
                    'stroke-width': 1,
                    'stroke-opacity': 0.55,
                    fill: 'none',
                  }),
                ]
              : [];
          const label = m.label
            ? tag('text', { x: cx, y: cy, dy: '0.35em', 'text-anchor': 'middle', 'font-size': 10, 'font-weight': 700 }, text(m.label))
            : null;
          return group(`marker ${m.label ?? m.kind}`, {}, ...hairs, ring, label);
        }),
      ),
    );
  }

  const legendX = box.x + box.width + 24;
  const legend =
    o.legend && present.length
      ? group(
          'legend',
          { 'font-size': LABEL_SIZE },
          ...present.map((label, k) =>
            group(
              `legend ${names[k]}`,
              { transform: `translate(${legendX},${box.y + 8 + k * 22})` },
              tag('circle', { r: 5.5, fill: classColor(label) }),
              tag('text', { x: 12, dy: '0.35em' }, text(names[k]!)),
            ),
          ),
        )
      : null;

  return frame(o, 'latent scatter', [
    gridLines(x, y),
    marks,
    ...overlays,
    axisBottom(x, box.y + box.height, { label: o.xLabel }),
    axisLeft(y, box.x, { label: o.yLabel }),
    legend,
  ]);
}
