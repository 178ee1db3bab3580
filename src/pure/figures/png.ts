/**
 * A small PNG encoder (8-bit grey, RGB or RGBA) with per-row adaptive filtering, and base64 data URIs.
 * Pure: deflate comes from `fflate` (plain JS), so the renderer can embed digit images exactly as the CLI does.
 * PNG spec: https://www.w3.org/TR/png/ (chunks sec. 5, filters sec. 7.3 and 9, CRC annex D).
 */
import { zlibSync } from 'fflate';

/** Samples per pixel: 1 = grey, 3 = RGB, 4 = RGBA. */
export type PngChannels = 1 | 3 | 4;

const COLOR_TYPE: Record<PngChannels, number> = { 1: 0, 3: 2, 4: 6 };
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Filter types tried per row: None, Sub, Up, Paeth (Average rarely wins on these images). */
const FILTERS = [0, 1, 2, 4] as const;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Filters each row with whichever of None, Sub, Up and Paeth gives the smallest sum of absolute signed bytes
 * (the spec's recommended heuristic): flat areas and smooth gradients then deflate several times smaller.
 */
function filterRows(pixels: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * (stride + 1));
  const trial = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const prev = row - stride;
    let bestScore = Infinity;
    for (const type of FILTERS) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? pixels[row + i - bpp]! : 0;
        const b = y > 0 ? pixels[prev + i]! : 0;
        let predicted = 0;
        if (type === 1) predicted = a;
        else if (type === 2) predicted = b;
        else if (type === 4) predicted = paeth(a, b, y > 0 && i >= bpp ? pixels[prev + i - bpp]! : 0);
        const v = (pixels[row + i]! - predicted) & 0xff;
        trial[i] = v;
        score += v < 128 ? v : 256 - v;
      }
      if (score < bestScore) {
        bestScore = score;
        out[y * (stride + 1)] = type;
        out.set(trial, y * (stride + 1) + 1);
      }
    }
  }
  return out;
}

/**
 * Encodes 8-bit pixels, row-major, `channels` samples per pixel, as a PNG file.
 * @param pixels - `width * height * channels` bytes (RGBA not premultiplied).
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: PngChannels): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive integers, got ${width}x${height}`);
  }
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`expected ${width * height * channels} bytes for ${width}x${height}x${channels}, got ${pixels.length}`);
  }
  const idat = zlibSync(filterRows(pixels, width, height, channels), { level: 6 });
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, COLOR_TYPE[channels], 0, 0, 0], 8);
  const chunks: [string, Uint8Array][] = [
    ['IHDR', ihdr],
    ['IDAT', idat],
    ['IEND', new Uint8Array(0)],
  ];
  const total = SIGNATURE.length + chunks.reduce((n, [, data]) => n + data.length + 12, 0);
  const png = new Uint8Array(total);
  const out = new DataView(png.buffer);
  png.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  for (const [type, data] of chunks) {
    out.setUint32(at, data.length);
    for (let i = 0; i < 4; i++) png[at + 4 + i] = type.charCodeAt(i);
    png.set(data, at + 8);
    out.setUint32(at + 8 + data.length, crc32(png, at + 4, at + 8 + data.length));
    at += data.length + 12;
  }
  return png;
}

/** Width and height in pixels from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function readPngSize(png: Uint8Array): { width: number; height: number } {
  const isPng = SIGNATURE.every((b, i) => png[i] === b) && String.fromCharCode(...png.subarray(12, 16)) === 'IHDR';
  if (!isPng) throw new Error('not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding; written out because `btoa` needs a binary string and `Buffer` is Node-only. */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const rest = bytes.length - i;
    chunk += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (rest > 1 ? B64[(n >> 6) & 63]! : '=') + (rest > 2 ? B64[n & 63]! : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** A PNG as a `data:image/png;base64,...` URI, for `<image href>` inside an SVG. */
export function pngDataUri(pixels: Uint8Array, width: number, height: number, channels: PngChannels): string {
  return `data:image/png;base64,${base64(encodePng(pixels, width, height, channels))}`;
}
