// The offline window itself: serve mode (with its per-launch token) in a child process, the app-mode browser
// window on its address, one line to say so, and the engine stopped when the window closes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { appBrowserArgs, servingUrl } from './app-browser.mjs';

const require = createRequire(import.meta.url);

/** Waits for `child` to exit, killing it harder after `graceMs`. */
function stop(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Runs serve mode and the browser window until the window closes; resolves to the exit code for `npm start`.
 * `why`: why there is no Electron window (shown in the line). Env LATENT_EXPLORER_DEBUG_PORT (tests): the window's
 * DevTools port, so a test can drive and close it.
 */
export async function openAppWindow({ root, browser, args = [], why = '', env = process.env }) {
  const serve = spawn(process.execPath, [require.resolve('tsx/cli'), join(root, 'src', 'cli.ts'), 'serve', '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  const url = await new Promise((resolve) => {
    const lines = createInterface({ input: serve.stdout });
    lines.on('line', (line) => {
      const found = servingUrl(line);
      if (found) resolve(found);
    });
    serve.once('exit', () => resolve(null));
  });
  if (!url) {
    console.error('latent-explorer: serve mode stopped before it served the page (see above)');
    return 1;
  }
  serve.stdout.resume();

  const profile = mkdtempSync(join(tmpdir(), 'latent-explorer-window-'));
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const debugPort = env.LATENT_EXPLORER_DEBUG_PORT ? Number(env.LATENT_EXPLORER_DEBUG_PORT) : undefined;
  const window = spawn(browser, appBrowserArgs(url, profile, { asRoot, debugPort }), { stdio: ['ignore', 'ignore', 'pipe'] });
  // Chromium is chatty on stderr (D-Bus, GPU): keep the tail in case it fails to start.
  let tail = '';
  window.stderr.on('data', (chunk) => (tail = (tail + chunk).slice(-2000)));
  const origin = new URL(url).origin;
  console.log(
    `No Electron window here${why ? ` (${why.replace(/\.$/, '')})` : ''}: Latent Explorer is open in an app window of ${basename(browser)} over serve mode at ${origin}; closing the window stops the engine.`,
  );

  const ended = new Promise((resolve) => {
    window.once('exit', (code, signal) => resolve({ code, signal }));
    window.once('error', (err) => resolve({ code: 1, signal: null, err }));
  });
  const interrupt = () => window.kill('SIGTERM');
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const { code, signal, err } = await ended;
  process.off('SIGINT', interrupt);
  process.off('SIGTERM', interrupt);
  await stop(serve);
  rmSync(profile, { recursive: true, force: true });
  if (err || (code !== 0 && !signal)) {
    console.error(
      `latent-explorer: the browser window failed (${err ? err.message : `exit ${code}`}): ${tail.trim().split('\n').slice(-5).join('\n')}`,
    );
    return 1;
  }
  return 0;
}
