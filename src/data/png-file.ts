/**
 * PNG images for the command line's image folders, decoded by fast-png (every colour type, bit depths 1 to 16,
 * interlaced or not) and brought to 8-bit RGBA. Files it cannot read are refused with the reason; the app's
 * page reads every format its browser decodes.
 */
import { decode, hasPngSignature, type DecodedPng } from 'fast-png';

export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

/** Larger images are refused before they are inflated (an image folder holds digits, not photographs). */
const MAX_PIXELS = 4096 * 4096;

/** Decodes `bytes` to `width * height * 4` RGBA bytes. @throws PngError naming the file and the cause. */
export function decodePng(bytes: Uint8Array, name = 'the file'): { width: number; height: number; rgba: Uint8Array } {
  if (!hasPngSignature(bytes)) throw new PngError(`${name} is not a PNG image`);
  const size = headerSize(bytes);
  if (!size) throw new PngError(`${name}: no readable PNG header`);
  if (size.width * size.height > MAX_PIXELS) throw new PngError(`${name}: ${size.width}x${size.height} is too large`);
  let png: DecodedPng;
  try {
    png = decode(bytes, { checkCrc: true });
  } catch (err) {
    throw new PngError(`${name}: damaged or unsupported PNG (${err instanceof Error ? err.message : String(err)})`);
  }
  const { width, height, channels, palette } = png;
  const samples = unpack(png);
  if (samples.length < width * height * channels) throw new PngError(`${name} is truncated`);
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const o = p * 4;
    if (palette) {
      const colour = palette[samples[s]!];
      if (!colour) throw new PngError(`${name}: a pixel names colour ${samples[s]} of a ${palette.length}-colour palette`);
      rgba[o] = colour[0]!;
      rgba[o + 1] = colour[1]!;
      rgba[o + 2] = colour[2]!;
      rgba[o + 3] = colour[3] ?? 255;
    } else if (channels <= 2) {
      rgba[o] = rgba[o + 1] = rgba[o + 2] = samples[s]!;
      rgba[o + 3] = channels === 2 ? samples[s + 1]! : 255;
    } else {
      rgba[o] = samples[s]!;
      rgba[o + 1] = samples[s + 1]!;
      rgba[o + 2] = samples[s + 2]!;
      rgba[o + 3] = channels === 4 ? samples[s + 3]! : 255;
    }
  }
  return { width, height, rgba };
}

/** Width and height from the IHDR chunk, which the PNG format puts first. */
function headerSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width && height ? { width, height } : null;
}

/**
 * One byte per sample: 16-bit samples keep their high byte, samples of 1, 2 or 4 bits (packed in rows padded to a
 * byte) are unpacked; grey ones are stretched to 0..255, palette indices are kept.
 */
function unpack(png: DecodedPng): Uint8Array {
  const { data, depth, width, height, channels, palette } = png;
  if (depth === 8) return data instanceof Uint8Array ? data : Uint8Array.from(data);
  if (depth === 16) return Uint8Array.from(data, (v) => v >> 8);
  const perRow = Math.ceil((width * channels * depth) / 8);
  const scale = palette ? 1 : 255 / (2 ** depth - 1);
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width * channels; x++) {
      const bit = x * depth;
      const byte = data[y * perRow + (bit >> 3)] ?? 0;
      out[y * width * channels + x] = Math.round(((byte >> (8 - depth - (bit & 7))) & (2 ** depth - 1)) * scale);
    }
  return out;
}
