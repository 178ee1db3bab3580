/** Decodes GIFs with gifuct-js (an independent decoder) into full RGBA frames, for tests of the animations. */
import { decompressFrames, parseGIF } from 'gifuct-js';

export interface DecodedGif {
  width: number;
  height: number;
  /** Repeat count from the NETSCAPE block: 0 forever, null when absent (play once). */
  loop: number | null;
  frames: { rgba: Uint8ClampedArray; delay: number }[];
  palette: [number, number, number][];
}

export function decodeGif(bytes: Uint8Array): DecodedGif {
  const parsed = parseGIF(bytes.slice().buffer as ArrayBuffer);
  const { width, height } = parsed.lsd;
  const canvas = new Uint8ClampedArray(width * height * 4);
  const frames = decompressFrames(parsed, true).map((f) => {
    // Compose each patch over the canvas as a player does: transparent pixels keep what the frame before left
    // (the encoder writes unchanged pixels that way, with disposal "do not dispose").
    for (let y = 0; y < f.dims.height; y++) {
      for (let x = 0; x < f.dims.width; x++) {
        const src = (y * f.dims.width + x) * 4;
        if (f.patch[src + 3] === 0) continue;
        canvas.set(f.patch.subarray(src, src + 4), ((f.dims.top + y) * width + f.dims.left + x) * 4);
      }
    }
    return { rgba: canvas.slice(), delay: f.delay };
  });
  const app = parsed.frames.find((f) => 'application' in f) as { application: { blocks: number[] } } | undefined;
  const loop = app ? (app.application.blocks[1] ?? 0) | ((app.application.blocks[2] ?? 0) << 8) : null;
  return { width, height, loop, frames, palette: parsed.gct };
}

/** Pixels whose decoded colour is not the palette entry nearest the still's colour (the palette rounding). */
export function offPalettePixels(still: Uint8Array, decoded: Uint8ClampedArray, palette: readonly [number, number, number][]): number {
  const cache = new Map<number, number>();
  let off = 0;
  for (let p = 0; p < still.length / 4; p++) {
    const [r, g, b] = [still[4 * p]!, still[4 * p + 1]!, still[4 * p + 2]!];
    const key = (r << 16) | (g << 8) | b;
    let idx = cache.get(key);
    if (idx === undefined) {
      let best = Infinity;
      idx = 0;
      palette.forEach((c, i) => {
        const d = (c[0] - r) ** 2 + (c[1] - g) ** 2 + (c[2] - b) ** 2;
        if (d < best) [best, idx] = [d, i];
      });
      cache.set(key, idx!);
    }
    const c = palette[idx!]!;
    if (decoded[4 * p] !== c[0] || decoded[4 * p + 1] !== c[1] || decoded[4 * p + 2] !== c[2]) off++;
  }
  return off;
}
