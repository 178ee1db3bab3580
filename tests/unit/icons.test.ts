import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script modules without types
import { icnsEntries, icoEntries, pngSize } from '../../scripts/lib/icon-formats.mjs';
// @ts-expect-error: plain .mjs script modules without types
import { ICO_SIZES, PNG_SIZES, packIco } from '../../scripts/make-icons.mjs';

const ICONS = join(import.meta.dirname, '..', '..', 'assets', 'icon');
const png = (size: number) => readFileSync(join(ICONS, 'png', `${size}x${size}.png`));

describe('the app icon set', () => {
  it('every PNG is the size its name says', () => {
    for (const size of PNG_SIZES as number[]) expect(pngSize(png(size))).toEqual({ width: size, height: size });
    expect(pngSize(Buffer.from('not a png'))).toBeNull();
  });

  it('packIco writes a directory Windows and the checker read back (256 stored as 0)', () => {
    const ico: Buffer = packIco([png(16), png(256)]);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico[6 + 16]).toBe(0);
    expect(icoEntries(ico)).toEqual([
      { width: 16, height: 16, png: true },
      { width: 256, height: 256, png: true },
    ]);
    expect(() => icoEntries(ico.subarray(0, ico.length - 10))).toThrow(/runs past the end/);
  });

  it('the committed .ico and .icns hold the sizes each OS asks for', () => {
    const ico = icoEntries(readFileSync(join(ICONS, 'icon.ico'))) as { width: number }[];
    expect(ico.map((e) => e.width)).toEqual(ICO_SIZES);
    const icns = new Set((icnsEntries(readFileSync(join(ICONS, 'icon.icns'))) as { size: number }[]).map((e) => e.size));
    for (const size of [32, 128, 256, 512, 1024]) expect(icns.has(size), `${size}`).toBe(true);
    expect(() => icnsEntries(Buffer.from('icnsxxxx'))).toThrow();
  });
});
