/**
 * PNG output for figures: rasterises a figure's SVG with resvg (Rust, shipped as a prebuilt binary inside its npm
 * package, so it installs offline). Node only: the renderer rasterises through a canvas instead.
 */
import { Resvg } from '@resvg/resvg-js';
import { readPngSize } from '../pure/figures/png.js';

/** Pixel densities offered for PNG export. */
export const PNG_SCALES = [1, 2, 4] as const;
export type PngScale = (typeof PNG_SCALES)[number];

export interface RasterizeOptions {
  /** Output pixels per SVG px. Default 1. */
  scale?: PngScale;
  /** Fill behind a transparent figure, e.g. `#ffffff`; default keep transparency. */
  background?: string;
}

export interface RasterizedPng {
  png: Uint8Array;
  /** Size in pixels: the SVG's width and height times `scale`. */
  width: number;
  height: number;
}

/** Rasterises an SVG document to a PNG at 1x, 2x or 4x. Text uses the system fonts resvg finds. */
export function rasterizeSvg(svg: string, opts: RasterizeOptions = {}): RasterizedPng {
  const scale = opts.scale ?? 1;
  if (!PNG_SCALES.includes(scale)) throw new RangeError(`PNG scale must be 1, 2 or 4, got ${String(scale)}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: opts.background,
    // The figure font stack ends in generic `sans-serif`; point it at a face every Linux desktop ships.
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  const png = new Uint8Array(resvg.render().asPng());
  return { png, ...readPngSize(png) };
}
