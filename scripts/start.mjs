#!/usr/bin/env node
// `npm start`: build the app, then launch Electron on it. Electron downloads its runtime on first use; where
// that cannot happen (offline, blocked), open the app in an installed Chromium-family browser's app-mode window
// over serve mode instead (scripts/lib/app-window.mjs), and where there is no such browser either, say so in plain
// words, point to `npm run serve`, and exit non-zero.
// Flags: --no-build (reuse dist/); the rest go to the app (e.g. --runs <dir>). LATENT_EXPLORER_WINDOW=browser
// skips Electron and opens the browser window (tests use it where Electron could be downloaded).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAppBrowser } from './lib/app-browser.mjs';
import { openAppWindow } from './lib/app-window.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Path of the Electron binary, downloading it if needed; null when it is not there and cannot be fetched. */
function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const located = () => {
    if (!existsSync(pathFile)) return null;
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  };
  const found = located();
  if (found) return { exe: found };
  console.log('Fetching the Electron runtime (first start only)…');
  const install = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, encoding: 'utf8', timeout: 180_000 });
  const exe = install.status === 0 ? located() : null;
  if (exe) return { exe };
  // The installer prints a stack: keep only its first line, the error itself.
  const lines = `${install.stderr ?? ''}${install.stdout ?? ''}`.split('\n').map((l) => l.trim());
  const detail = lines.find((l) => l && !l.startsWith('at ')) ?? install.error?.message ?? 'no output';
  return { exe: null, detail };
}

const args = process.argv.slice(2).filter((a) => a !== '--no-build');
if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const browserOnly = process.env.LATENT_EXPLORER_WINDOW === 'browser';
const { exe, detail } = browserOnly ? { exe: null, detail: 'LATENT_EXPLORER_WINDOW=browser' } : electronBinary();
let browser = null;
if (!exe) {
  try {
    browser = findAppBrowser();
  } catch (err) {
    console.error(`latent-explorer: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
if (!exe && browser) {
  process.exit(await openAppWindow({ root, browser, args, why: detail }));
}
if (!exe) {
  console.error(
    [
      '',
      'Latent Explorer could not start its desktop window: the Electron runtime is not installed and could not be',
      'downloaded on this machine (no connection to its download server, or downloads are blocked). Everything',
      'else is in place. You can use the app in your browser instead: run `npm run serve` and open the address it',
      'prints. To get the desktop app, run `npm start` again once this machine can reach the Electron download',
      `server (or set ELECTRON_MIRROR to a reachable mirror). The download said: ${detail}.`,
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const child = spawn(exe, [root, ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
