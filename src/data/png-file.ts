/**
 * A PNG reader for the command line's image folders: 8-bit greyscale, grey + alpha, RGB, RGBA and palette
 * images, not interlaced (what image libraries and `torchvision.utils.save_image` write), to RGBA. Other files
 * are refused with the reason; the app's page reads every format its browser decodes.
 */
import { inflateSync } from 'node:zlib';

export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Channels per colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes `bytes` to `width * height * 4` RGBA bytes. @throws PngError naming what is not supported. */
export function decodePng(bytes: Uint8Array, name = 'the file'): { width: number; height: number; rgba: Uint8Array } {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) throw new PngError(`${name} is not a PNG image`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0,
    height = 0,
    depth = 0,
    type = -1,
    interlace = 0;
  let palette: Uint8Array | null = null;
  let alpha: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const kind = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (data.length !== length) throw new PngError(`${name} is truncated`);
    if (kind === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = data[8]!;
      type = data[9]!;
      interlace = data[12]!;
    } else if (kind === 'PLTE') palette = data;
    else if (kind === 'tRNS') alpha = data;
    else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    at += 12 + length;
  }
  const channels = CHANNELS[type];
  if (!width || !height || channels === undefined) throw new PngError(`${name}: no readable PNG header`);
  if (depth !== 8 || interlace !== 0)
    throw new PngError(`${name}: ${depth}-bit${interlace ? ' interlaced' : ''} PNG; the command line reads 8-bit, non-interlaced PNG`);
  if (type === 3 && !palette) throw new PngError(`${name}: a palette image without its palette`);
  if (width * height > 4096 * 4096) throw new PngError(`${name}: ${width}x${height} is too large`);
  let raw: Uint8Array;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch {
    throw new PngError(`${name}: damaged image data`);
  }
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new PngError(`${name} is truncated`);
  const pixels = unfilter(raw, width, height, channels, name);
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels,
      o = p * 4;
    if (type === 0 || type === 4) {
      rgba[o] = rgba[o + 1] = rgba[o + 2] = pixels[s]!;
      rgba[o + 3] = type === 4 ? pixels[s + 1]! : 255;
    } else if (type === 3) {
      const i = pixels[s]!;
      rgba.set(palette!.subarray(i * 3, i * 3 + 3), o);
      rgba[o + 3] = alpha && i < alpha.length ? alpha[i]! : 255;
    } else {
      rgba[o] = pixels[s]!;
      rgba[o + 1] = pixels[s + 1]!;
      rgba[o + 2] = pixels[s + 2]!;
      rgba[o + 3] = type === 6 ? pixels[s + 3]! : 255;
    }
  }
  return { width, height, rgba };
}

/** Undoes the per-row filters (none, sub, up, average, Paeth) of 8-bit samples. */
function unfilter(raw: Uint8Array, width: number, height: number, bpp: number, name: string): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride,
      up = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[up + x]! : 0;
      const c = x >= bpp && y > 0 ? out[up + x - bpp]! : 0;
      let v = raw[src + x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a),
          pb = Math.abs(p - b),
          pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new PngError(`${name}: unknown row filter ${filter}`);
      out[row + x] = v & 255;
    }
  }
  return out;
}
