/**
 * The one look every figure shares: font stack, ink colours, type sizes, figure sizes, background and title.
 * A figure function lays out its content inside the `plot` box that {@link frameLayout} returns and hands its
 * body to {@link frame}, which adds the `<svg>` root, the background and the title.
 */
import { num, tag, text } from './svg.js';

/**
 * Clean sans-serif stack: Inter or Helvetica where installed, else Arial and its metric twin Liberation Sans
 * (Linux, where resvg rasterises), DejaVu Sans as a last named resort.
 */
export const FONT_FAMILY = "Inter, 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/** Colours of text and lines. */
export const INK = '#1f1f1f';
export const MUTED = '#5f5f5f';
export const RULE = '#9a9a9a';
export const GRID_LINE = '#e6e6e6';

/** Type sizes in px. */
export const TITLE_SIZE = 20;
export const LABEL_SIZE = 14;
export const TICK_SIZE = 12;
export const CAPTION_SIZE = 12;

/** Named figure sizes in px: 16:9 for slides, 4:3 for older decks and papers. */
export const SIZES = {
  '16:9': { width: 960, height: 540 },
  '4:3': { width: 800, height: 600 },
} as const;
export type FigureSize = keyof typeof SIZES;

/** Options every figure takes. */
export interface FigureOptions {
  /** Named size; ignored when both `width` and `height` are given. Default `16:9`. */
  size?: FigureSize;
  /** Width in px (overrides `size`). */
  width?: number;
  /** Height in px (overrides `size`). */
  height?: number;
  /** Title drawn at the top; none when null or empty. */
  title?: string | null;
  /** `white` (default) paints a white backdrop; `transparent` leaves it out for dark slides. */
  background?: 'white' | 'transparent';
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Outer padding of every figure, px. */
export const PAD = 16;
const TITLE_BAND = 40;

/** The figure's size and the box left for content after padding and the title band. */
export function frameLayout(opts: FigureOptions): { width: number; height: number; plot: Box } {
  const named = SIZES[opts.size ?? '16:9'];
  if (!named) throw new RangeError(`unknown figure size '${String(opts.size)}'; sizes: ${Object.keys(SIZES).join(', ')}`);
  const width = opts.width ?? named.width;
  const height = opts.height ?? named.height;
  if (!(width > 0 && height > 0)) throw new RangeError(`figure size must be positive, got ${width}x${height}`);
  const top = opts.title ? TITLE_BAND : PAD;
  return { width, height, plot: { x: PAD, y: top, width: width - 2 * PAD, height: height - top - PAD } };
}

/**
 * Wraps a figure body in the `<svg>` root: namespace, size, font, accessible name, background and title.
 * @param ariaLabel - what the figure is, e.g. "latent scatter"; the title is appended when present.
 */
export function frame(opts: FigureOptions, ariaLabel: string, body: (string | null | undefined)[]): string {
  const { width, height } = frameLayout(opts);
  const title = opts.title ? opts.title : null;
  const root = tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      'xmlns:xlink': 'http://www.w3.org/1999/xlink',
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      role: 'img',
      'aria-label': title ? `${ariaLabel}: ${title}` : ariaLabel,
      'font-family': FONT_FAMILY,
      'font-size': TICK_SIZE,
      fill: INK,
    },
    title ? tag('title', {}, text(title)) : null,
    opts.background === 'transparent' ? null : tag('rect', { 'aria-label': 'background', width, height, fill: '#ffffff' }),
    title
      ? tag('text', { 'aria-label': 'title', x: PAD, y: PAD + TITLE_SIZE * 0.8, 'font-size': TITLE_SIZE, 'font-weight': 600 }, text(title))
      : null,
    ...body,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}

/** Rough width of a string in px, for laying out labels without a DOM (Helvetica-like average advance). */
export function textWidth(content: string, fontSize: number): number {
  let units = 0;
  for (const ch of content) units += /[il.,:;'|!]/.test(ch) ? 0.28 : /[mwMW]/.test(ch) ? 0.85 : /[A-Z0-9]/.test(ch) ? 0.64 : 0.54;
  return units * fontSize;
}
