import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64, encodePng, pngDataUri, readPngSize } from '../../src/pure/figures/png.js';
import { mnistTest, seededUniform } from './fixtures.js';

/** A minimal PNG reader for the encoder's output (8-bit, no interlace): reverses the row filters. */
function decodePng(png: Uint8Array): { width: number; height: number; channels: number; pixels: Uint8Array } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const { width, height } = readPngSize(png);
  const channels = { 0: 1, 2: 3, 6: 4 }[png[25]!]!;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length;) {
    const len = view.getUint32(at);
    if (String.fromCharCode(...png.subarray(at + 4, at + 8)) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += len + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const p = a + b - c;
      const pred = [
        0,
        a,
        b,
        (a + b) >> 1,
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c,
      ][type]!;
      pixels[y * stride + i] = (raw[y * (stride + 1) + 1 + i]! + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

describe('encodePng', () => {
  it('encodePng(grey MNIST digit) decodes back to the same 28x28 bytes', () => {
    const { images } = mnistTest(1);
    const decoded = decodePng(encodePng(images, 28, 28, 1));
    expect(decoded).toMatchObject({ width: 28, height: 28, channels: 1 });
    expect(decoded.pixels).toEqual(images);
  });

  it('encodePng(RGBA noise and gradients) round-trips every byte', () => {
    const w = 37;
    const h = 23;
    const noise = seededUniform(w * h * 4, 0, 256);
    const pixels = Uint8Array.from(noise, (v, i) => (i % 3 === 0 ? Math.floor(v) : (i * 7) & 0xff));
    expect(decodePng(encodePng(pixels, w, h, 4)).pixels).toEqual(pixels);
    const rgb = pixels.subarray(0, w * h * 3);
    expect(decodePng(encodePng(rgb, w, h, 3)).pixels).toEqual(rgb);
  });

  it('throws on a size that does not match the bytes', () => {
    expect(() => encodePng(new Uint8Array(10), 3, 3, 1)).toThrow(/expected 9 bytes/);
    expect(() => encodePng(new Uint8Array(0), 0, 0, 1)).toThrow(/positive integers/);
  });

  it('readPngSize reads the IHDR width and height and rejects other bytes', () => {
    expect(readPngSize(encodePng(new Uint8Array(5 * 3), 5, 3, 1))).toEqual({ width: 5, height: 3 });
    expect(() => readPngSize(new Uint8Array(40))).toThrow(/not a PNG/);
  });
});

describe('base64', () => {
  it('base64(bytes) equals Node Buffer base64 for every padding case', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 10_000]) {
      const bytes = Uint8Array.from(seededUniform(n, 0, 256), Math.floor);
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('pngDataUri starts with the PNG media type', () => {
    expect(pngDataUri(new Uint8Array(4), 1, 1, 4)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
