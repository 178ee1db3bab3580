/**
 * Where the bundled app finds its parts. Everything is relative to the bundle folder (`dist/electron/`),
 * which sits two levels under the app root both in the checkout and inside an installed app.
 */
import { join } from 'node:path';

/** Folder of the bundled main process files. */
export const bundleDir = __dirname;
export const appRoot = join(bundleDir, '..', '..');
export const preloadPath = join(bundleDir, 'preload.cjs');
export const engineHostPath = join(bundleDir, 'engine-host.cjs');
export const rendererIndex = join(appRoot, 'dist', 'renderer', 'index.html');
export const defaultRunDir = join(appRoot, 'assets', 'default-run');
