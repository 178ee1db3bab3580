#!/usr/bin/env node
// `npm run icons`: renders the app icon's SVG source (assets/icon/icon.svg) to the PNG set the Linux installers
// and the window use (assets/icon/png/<size>x<size>.png), and packs the macOS .icns and Windows .ico from the
// 1024 px rendering with png2icons. Deterministic: the same SVG gives the same bytes, so the outputs are committed
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

/** Every output file, path relative to ICON_DIR, with its bytes. */
export function renderIcons(svg = readFileSync(join(ICON_DIR, 'icon.svg'), 'utf8')) {
  const render = (size) => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
  const files = new Map(PNG_SIZES.map((size) => [`png/${size}x${size}.png`, render(size)]));
  const big = files.get('png/1024x1024.png');
  png2icons.setLogger(() => {});
  const icns = png2icons.createICNS(big, png2icons.BICUBIC, 0);
  // forWinExe: PNG chunks for 256 px, BMP below, which every Windows version's shell reads.
  const ico = png2icons.createICO(big, png2icons.BICUBIC, 0, false, true);
  if (!icns || !ico) throw new Error('png2icons could not convert the 1024 px rendering');
  files.set('icon.icns', icns);
  files.set('icon.ico', ico);
  files.set('icon.png', files.get('png/512x512.png'));
  return files;
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
