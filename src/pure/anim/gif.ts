// The reference makes gifenc's hand-written types visible to every tsconfig that reaches this file (engine, pure,
// page), none of which includes the declaration on its own.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./gifenc.d.ts" />
/**
 * Animated GIF from RGBA frames, with gifenc (pure JS, so the page and the CLI share it). One global palette for
 * the whole animation: the class colours, the figures' ink colours and a grey ramp go in first and are matched
 * exactly, the rest is filled by gifenc's quantiser from the frames, so the legend swatches and every pixel that
 * is exactly a class colour come out exactly that colour, and digit greys are off by at most 2 levels.
 */
import * as gifencModule from 'gifenc';
import { CLASS_COLORS } from '../figures/palette.js';
import { GRID_LINE, INK, MUTED, RULE } from '../figures/style.js';

// gifenc ships CommonJS for Node (named exports only under `default` there) and ESM for bundlers (whose default
// export is the encoder alone), so take whichever namespace has the functions.
const gifenc: typeof gifencModule =
  typeof gifencModule.quantize === 'function' ? gifencModule : (gifencModule as unknown as { default: typeof gifencModule }).default;

/** One RGBA frame, `width * height * 4` bytes (straight alpha; GIF frames are drawn opaque). */
export interface RgbaFrame {
  rgba: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface GifOptions {
  /** Frames per second, 1..50 (GIF delays are whole hundredths of a second). */
  fps: number;
  /** Play forever (default) or once. */
  loop?: boolean;
}

/** Step of the grey ramp: every 4th level, so a grey pixel is at most 2 levels off. */
export const GREY_STEP = 4;

const hexRgb = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];

/** The palette entries every animation keeps exactly: class colours, ink colours, white, black, grey ramp. */
export function fixedPalette(): [number, number, number][] {
  const out: [number, number, number][] = [...CLASS_COLORS, INK, MUTED, RULE, GRID_LINE, '#ffffff', '#000000'].map(hexRgb);
  for (let v = 0; v <= 255; v += GREY_STEP) out.push([v, v, v]);
  out.push([255, 255, 255]);
  return dedupe(out);
}

function dedupe(colors: [number, number, number][]): [number, number, number][] {
  const seen = new Set<number>();
  return colors.filter(([r, g, b]) => {
    const key = (r << 16) | (g << 8) | b;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every `stride`-th pixel of every frame, as one RGBA buffer the quantiser can read. */
function sample(frames: readonly RgbaFrame[], budget = 400_000): Uint8Array {
  const total = frames.reduce((n, f) => n + f.width * f.height, 0);
  const stride = Math.max(1, Math.floor(total / budget));
  const out = new Uint8Array(Math.ceil(total / stride) * 4 + 4);
  let o = 0;
  let k = 0;
  for (const f of frames) {
    for (let p = 0; p < f.width * f.height; p++, k++) {
      if (k % stride) continue;
      out.set(f.rgba.subarray(p * 4, p * 4 + 4), o);
      o += 4;
    }
  }
  return out.subarray(0, o);
}

/** The animation's 256-colour palette: the fixed entries first, then quantised colours of the frames. */
export function animationPalette(frames: readonly RgbaFrame[]): [number, number, number][] {
  const fixed = fixedPalette();
  const adaptive = frames.length ? gifenc.quantize(sample(frames), 256 - fixed.length) : [];
  const all = dedupe([...fixed, ...adaptive.map((c) => [c[0]!, c[1]!, c[2]!] as [number, number, number])]);
  return all.slice(0, 256);
}

/** Maps RGBA pixels to palette indices: exact colours by lookup, others to the nearest entry (cached per colour). */
export function indexPixels(
  rgba: Uint8Array | Uint8ClampedArray,
  palette: readonly (readonly number[])[],
  cache = new Map<number, number>(),
) {
  if (cache.size === 0)
    palette.forEach(([r, g, b], i) => cache.has((r! << 16) | (g! << 8) | b!) || cache.set((r! << 16) | (g! << 8) | b!, i));
  const n = rgba.length / 4;
  const out = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    // Flatten onto white: GIF has no partial transparency and slides are mostly white.
    const a = rgba[p * 4 + 3]! / 255;
    const r = Math.round(rgba[p * 4]! * a + 255 * (1 - a));
    const g = Math.round(rgba[p * 4 + 1]! * a + 255 * (1 - a));
    const b = Math.round(rgba[p * 4 + 2]! * a + 255 * (1 - a));
    const key = (r << 16) | (g << 8) | b;
    let idx = cache.get(key);
    if (idx === undefined) {
      let best = Infinity;
      idx = 0;
      for (let i = 0; i < palette.length; i++) {
        const c = palette[i]!;
        const d = (c[0]! - r) ** 2 + (c[1]! - g) ** 2 + (c[2]! - b) ** 2;
        if (d < best) [best, idx] = [d, i];
      }
      cache.set(key, idx);
    }
    out[p] = idx;
  }
  return out;
}

/**
 * Encodes frames (all the same size) as an animated GIF. After the first frame, pixels that keep their palette
 * index are written as the transparent index over the frame before (disposal "do not dispose"), so the unchanged
 * parts of a frame (axes, the map's dots, the legend) cost almost nothing.
 */
export function encodeGif(frames: readonly RgbaFrame[], opts: GifOptions): Uint8Array {
  if (frames.length === 0) throw new RangeError('an animation needs at least one frame');
  if (!(opts.fps >= 1 && opts.fps <= 50)) throw new RangeError(`fps must be from 1 to 50, got ${opts.fps}`);
  const { width, height } = frames[0]!;
  for (const f of frames)
    if (f.width !== width || f.height !== height || f.rgba.length !== width * height * 4)
      throw new RangeError(`every frame must be ${width}x${height} RGBA`);
  const colours = animationPalette(frames).slice(0, 255);
  // The last entry repeats the first colour: nearest-colour ties go to the first, so no pixel maps to it and it
  // can stand for "unchanged".
  const keep = colours.length;
  const palette = [...colours, colours[0]!];
  const cache = new Map<number, number>();
  const gif = gifenc.GIFEncoder({ initialCapacity: 1 << 20 });
  const delay = Math.round(1000 / opts.fps);
  let previous: Uint8Array | null = null;
  frames.forEach((f, k) => {
    const index = indexPixels(f.rgba, colours, cache);
    let out = index;
    if (previous) {
      out = new Uint8Array(index.length);
      for (let p = 0; p < index.length; p++) out[p] = index[p] === previous[p] ? keep : index[p]!;
    }
    previous = index;
    gif.writeFrame(out, width, height, {
      ...(k === 0
        ? { palette: palette.map((c) => [...c]), repeat: opts.loop === false ? -1 : 0 }
        : { transparent: true, transparentIndex: keep }),
      dispose: 1,
      delay,
    });
  });
  gif.finish();
  return gif.bytes();
}
