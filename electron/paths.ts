/**
 * Where the bundled app finds its parts. Everything is relative to the bundle folder (`dist/electron/`),
 * which sits two levels under the app root both in the checkout and inside an installed app, where the app root
 * is `resources/app.asar`. Files read by path from outside Electron's asar-aware `fs` (or simply large) are
 * unpacked by electron-builder (`asarUnpack` in package.json): their real home is `resources/app.asar.unpacked`.
 */
import { join } from 'node:path';
import { asarUnpacked } from '../src/data/asar-path.js';

/** Folder of the bundled main process files. */
export const bundleDir = __dirname;
export const appRoot = join(bundleDir, '..', '..');
export const preloadPath = join(bundleDir, 'preload.cjs');
export const engineHostPath = join(bundleDir, 'engine-host.cjs');
/** The training worker thread's entry, bundled beside the engine host (Electron reads worker scripts from app.asar). */
export const trainWorkerPath = join(bundleDir, 'train-worker.cjs');
/** The encode worker thread's entry (the second core encoding an opened run), bundled likewise. */
export const encodeWorkerPath = join(bundleDir, 'encode-worker.cjs');
export const rendererIndex = join(appRoot, 'dist', 'renderer', 'index.html');
/** The shipped default model: unpacked, so the engine reads plain files. */
export const defaultRunDir = asarUnpacked(join(appRoot, 'assets', 'default-run'));
/** The window's icon (Linux and Windows show it in the title bar and task bar; macOS uses the bundle's .icns). */
export const windowIconPath = join(appRoot, 'assets', 'icon', 'icon.png');
