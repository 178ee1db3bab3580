/**
 * The images that come with embeddings on the command line: a PNG reader (every row filter, grey, RGB, RGBA,
 * palette, 1- to 16-bit, interlaced), a folder read in name order into 28x28 grey, and the count checked against
 * the codes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { encode } from 'fast-png';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { command as importCommand } from '../../../src/commands/import.js';
import { embeddingImagesFromFolder, imageNamesInOrder } from '../../../src/data/embedding-files.js';
import { decodePng } from '../../../src/data/png-file.js';
import { png, pngChunk as chunk } from '../../e2e/png-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'lex-emb-img-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A greyscale PNG of `depth` (1, 2 or 4) bits a sample, rows packed and unfiltered. */
function packedGreyPng(width: number, height: number, depth: number, values: (x: number, y: number) => number): Buffer {
  const perRow = Math.ceil((width * depth) / 8);
  const raw = Buffer.alloc(height * (perRow + 1));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw[y * (perRow + 1) + 1 + ((x * depth) >> 3)]! |= values(x, y) << (8 - depth - ((x * depth) & 7));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG of colour type `type` whose rows use filters 0, 1, 2, 3, 4 in turn, from `samples` (8-bit). */
function filteredPng(
  width: number,
  height: number,
  type: number,
  channels: number,
  samples: Uint8Array,
  plte?: Uint8Array,
  trns?: Uint8Array,
): Buffer {
  const stride = width * channels;
  const raw = Buffer.alloc(height * (stride + 1));
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : samples[y * stride + x]!);
  for (let y = 0; y < height; y++) {
    const f = y % 5;
    raw[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const a = at(x - channels, y),
        b = at(x, y - 1),
        c = at(x - channels, y - 1);
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][f]!;
      raw[y * (stride + 1) + 1 + x] = (at(x, y) - pred) & 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = type;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    ...(plte ? [chunk('PLTE', Buffer.from(plte))] : []),
    ...(trns ? [chunk('tRNS', Buffer.from(trns))] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodePng', () => {
  it('reads RGBA, RGB, grey and palette images through every row filter', () => {
    const w = 7,
      h = 10;
    const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37 + (i >> 3) * 11) & 255);
    expect(decodePng(filteredPng(w, h, 6, 4, rgba)).rgba).toEqual(rgba);
    const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 53) & 255);
    const fromRgb = decodePng(filteredPng(w, h, 2, 3, rgb)).rgba;
    expect([...fromRgb.subarray(4 * 5, 4 * 6)]).toEqual([...rgb.subarray(3 * 5, 3 * 6), 255]);
    const grey = decodePng(png(28, (x, y) => x * 9 + y)).rgba;
    expect([...grey.subarray(4 * (3 * 28 + 5), 4 * (3 * 28 + 5) + 4)]).toEqual([48, 48, 48, 255]);
    const pal = decodePng(filteredPng(2, 1, 3, 1, Uint8Array.of(1, 0), Uint8Array.of(10, 20, 30, 40, 50, 60))).rgba;
    expect([...pal]).toEqual([40, 50, 60, 255, 10, 20, 30, 255]);
  });

  it('reads 16-bit, 1-, 2- and 4-bit, interlaced images and a palette with transparency, as 8-bit RGBA', () => {
    const deep = Uint16Array.from({ length: 5 * 3 }, (_, i) => i * 4000 + 255);
    const fromDeep = decodePng(encode({ width: 5, height: 3, data: deep, depth: 16, channels: 1 })).rgba;
    expect([...fromDeep.subarray(4 * 7, 4 * 8)]).toEqual([110, 110, 110, 255]); // (7 * 4000 + 255) >> 8 = 28255 >> 8
    for (const depth of [1, 2, 4]) {
      const top = 2 ** depth - 1;
      const image = decodePng(packedGreyPng(11, 4, depth, (x, y) => (x + y) % (top + 1)));
      expect(image.width).toBe(11);
      expect([...image.rgba.subarray(4 * (2 * 11 + 5), 4 * (2 * 11 + 5) + 4)]).toEqual(
        Array(3)
          .fill(Math.round((7 % (top + 1)) * (255 / top)))
          .concat(255),
      );
    }
    const rgba = Uint8Array.from({ length: 9 * 6 * 4 }, (_, i) => (i * 29) & 255);
    expect(decodePng(encode({ width: 9, height: 6, data: rgba, channels: 4 }, { interlace: 'Adam7' })).rgba).toEqual(rgba);
    const clear = decodePng(filteredPng(2, 1, 3, 1, Uint8Array.of(1, 0), Uint8Array.of(10, 20, 30, 40, 50, 60), Uint8Array.of(0))).rgba;
    expect([...clear]).toEqual([40, 50, 60, 255, 10, 20, 30, 0]);
  });

  it('refuses what is not a PNG, a damaged one and a palette index past the palette, naming the file', () => {
    expect(() => decodePng(new Uint8Array([1, 2, 3]), 'a.png')).toThrow('a.png is not a PNG image');
    const damaged = png(4, (x) => x * 50);
    damaged[damaged.length - 20]! ^= 0xff; // inside the image data: its checksum no longer matches
    expect(() => decodePng(damaged, 'b.png')).toThrow(/^b\.png: damaged or unsupported PNG \(.+\)$/);
    expect(() => decodePng(filteredPng(2, 1, 3, 1, Uint8Array.of(0, 5), Uint8Array.of(1, 2, 3)), 'c.png')).toThrow(
      'c.png: a pixel names colour 5 of a 1-colour palette',
    );
    const huge = png(4, () => 0);
    huge.writeUInt32BE(5000, 16); // IHDR width
    huge.writeUInt32BE(5000, 20);
    expect(() => decodePng(huge, 'd.png')).toThrow('d.png: 5000x5000 is too large');
  });
});

describe('image folders', () => {
  it('orders names with numbers as numbers and leaves out other files', () => {
    expect(imageNamesInOrder(['img-10.png', 'notes.txt', 'img-2.png', 'img-1.PNG'])).toEqual(['img-1.PNG', 'img-2.png', 'img-10.png']);
  });

  it('reads one 28x28 grey image per file in name order, larger ones fitted, dark ink on white inverted', async () => {
    const dir = join(scratch, 'folder');
    mkdirSync(dir);
    for (let k = 1; k <= 12; k++)
      writeFileSync(
        join(dir, `img-${k}.png`),
        png(28, (x, y) => (y === k ? 200 : 0)),
      );
    writeFileSync(
      join(dir, 'img-13.png'),
      png(56, (x, y) => (y >= 20 && y < 24 ? 0 : 255)),
    );
    const images = await embeddingImagesFromFolder(dir, 13);
    for (let k = 1; k <= 12; k++) expect(images[(k - 1) * 784 + k * 28 + 5]).toBe(200);
    // 56x56 white with a dark band at rows 20-23 -> 28x28, inverted: a light band at rows 10-11 on black.
    expect(images[12 * 784 + 10 * 28 + 5]).toBe(255);
    expect(images[12 * 784 + 2 * 28 + 5]).toBe(0);
    await expect(embeddingImagesFromFolder(dir, 14)).rejects.toThrow(`${dir} holds 13 images for 14 codes`);
  });

  it('import --codes with --images <folder> records the images with the codes', async () => {
    const dir = join(scratch, 'digits');
    mkdirSync(dir);
    for (let k = 0; k < 25; k++)
      writeFileSync(
        join(dir, `d${k}.png`),
        png(28, (x) => (x === k ? 255 : 0)),
      );
    const csv = join(scratch, 'few.csv');
    writeFileSync(csv, ['label,z1,z2', ...Array.from({ length: 25 }, (_, i) => `${i % 2},${i},${-i}`)].join('\n'));
    const runs = join(scratch, 'runs');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await importCommand.run(['--codes', csv, '--images', dir, '--runs', runs])).toBe(0);
      expect(log.mock.calls[0]![0]).toMatch(/^imported 25 codes of 2 numbers .* with their images, 5-NN /);
    } finally {
      log.mockRestore();
    }
    const [id] = readdirSync(runs);
    const images = readFileSync(join(runs, id!, 'images.u8'));
    expect(images[7 * 784 + 3 * 28 + 7]).toBe(255);
    expect(JSON.parse(readFileSync(join(runs, id!, 'run.json'), 'utf8'))).toMatchObject({
      dataset: `run:${id}`,
      embeddings: { images: true },
    });
  });
});
