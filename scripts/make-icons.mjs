#!/usr/bin/env node
// `npm run icons`: renders the app icon's SVG source (assets/icon/icon.svg) to the PNG set the Linux installers
// and the window use (assets/icon/png/<size>x<size>.png; 16 and 24 px from the simplified icon-small.svg), packs the
// macOS .icns from the 1024 px rendering with png2icons, and the Windows .ico from the PNG set. Deterministic: the same SVG gives the same bytes, so the outputs are committed
// and `--check` (run by package-check) fails when they are stale.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';

const root = fileURLToPath(new URL('..', import.meta.url));
export const ICON_DIR = join(root, 'assets', 'icon');
/** The sizes electron-builder's Linux targets look for in a folder of PNGs named `<size>x<size>.png`. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Sizes drawn from the simplified icon-small.svg: at 16-24 px the full drawing's scatter and digit blur together. */
export const SMALL_SIZES = new Set([16, 24]);

/** Every output file, path relative to ICON_DIR, with its bytes. */
export function renderIcons(
  svg = readFileSync(join(ICON_DIR, 'icon.svg'), 'utf8'),
  smallSvg = readFileSync(join(ICON_DIR, 'icon-small.svg'), 'utf8'),
) {
  const render = (size) =>
    Buffer.from(new Resvg(SMALL_SIZES.has(size) ? smallSvg : svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
  const files = new Map(PNG_SIZES.map((size) => [`png/${size}x${size}.png`, render(size)]));
  const big = files.get('png/1024x1024.png');
  png2icons.setLogger(() => {});
  const icns = png2icons.createICNS(big, png2icons.BICUBIC, 0);
  if (!icns) throw new Error('png2icons could not convert the 1024 px rendering');
  // The .ico packs our own renderings (png2icons would downscale the full drawing, unreadable at 16 px).
  const ico = packIco(ICO_SIZES.map((size) => files.get(`png/${size}x${size}.png`)));
  files.set('icon.icns', icns);
  files.set('icon.ico', ico);
  files.set('icon.png', files.get('png/512x512.png'));
  return files;
}

/** Sizes in the Windows .ico: the shell picks 16/24/32/48 for lists and task bar, 256 for large views. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** An .ico of PNG images (supported by Windows since Vista): a 6-byte header, one 16-byte entry per image. */
export function packIco(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, i) => {
    const at = 6 + 16 * i;
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    header[at] = width >= 256 ? 0 : width; // 0 means 256
    header[at + 1] = height >= 256 ? 0 : height;
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs]);
}

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  mkdirSync(join(ICON_DIR, 'png'), { recursive: true });
  for (const [name, bytes] of renderIcons()) {
    const path = join(ICON_DIR, name);
    const same = existsSync(path) && readFileSync(path).equals(bytes);
    if (check) {
      if (!same) stale.push(name);
    } else if (!same) writeFileSync(path, bytes);
  }
  if (check && stale.length) {
    console.error(`icons are stale (run npm run icons): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(check ? 'icons: up to date' : `icons: wrote ${ICON_DIR}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
