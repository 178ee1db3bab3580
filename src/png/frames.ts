/** Frames for animations on the Node side: each SVG frame rasterised by resvg to RGBA pixels. */
import { Resvg } from '@resvg/resvg-js';
import type { RgbaFrame } from '../pure/anim/gif.js';
import { PNG_SCALES, type PngScale } from './rasterize.js';

/** Rasterises one SVG frame at 1x, 2x or 4x onto white (GIF frames are opaque). */
export function rasterizeFrame(svg: string, scale: PngScale): RgbaFrame {
  if (!PNG_SCALES.includes(scale)) throw new RangeError(`scale must be 1, 2 or 4, got ${String(scale)}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  const image = resvg.render();
  return { rgba: new Uint8Array(image.pixels), width: image.width, height: image.height };
}
