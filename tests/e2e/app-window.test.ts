/**
 * `npm start` where no Electron runtime can be had: the app opens in a Chromium app-mode window over serve mode
 * (under Xvfb), the map shows and decodes a click with no CSP violation logged, and closing the window stops the engine and `npm start`.
 * Needs xvfb-run and Chromium: skipped without them here, required under CI=true on Linux (.ci/run installs both).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CSP_RECORDER, clickDecodes, waitForMap } from '../electron/page-checks.js';
import { CHROMIUM } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
const hasXvfb = has('xvfb-run');
// imagemagick's import photographs the screen; without it the window is still tested, just not photographed.
const hasImport = has('import');
const ready = process.platform === 'linux' && hasXvfb && existsSync(CHROMIUM);
const required = process.env.CI === 'true' && process.platform === 'linux';
const why = `needs xvfb-run (apt-get install -y xvfb) and Chromium at ${CHROMIUM}`;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

let start: ChildProcess | null = null;
const runs = mkdtempSync(join(tmpdir(), 'lex-window-runs-'));
afterAll(() => {
  if (start && start.exitCode === null) start.kill('SIGTERM');
  rmSync(runs, { recursive: true, force: true });
});

const suite = ready ? describe : required ? describe : describe.skip;
suite(ready || required ? 'npm start without Electron: a browser app window' : `npm start without Electron (skipped: ${why})`, () => {
  it('opens the app window over serve mode, decodes a click, and closing the window ends the engine', async () => {
    if (!ready) throw new Error(`CI requires this test: ${why}`);
    const debugPort = await freePort();
    // The display and its cookie are printed first so the test can photograph the whole screen.
    const script = 'echo "DISPLAY=$DISPLAY XAUTHORITY=$XAUTHORITY"; exec node scripts/start.mjs --no-build --runs "$RUNS"';
    start = spawn('xvfb-run', ['-a', '-s', '-screen 0 1440x900x24', 'sh', '-c', script], {
      cwd: ROOT,
      env: {
        ...process.env,
        RUNS: runs,
        LATENT_EXPLORER_WINDOW: 'browser',
        LATENT_EXPLORER_BROWSER: CHROMIUM,
        LATENT_EXPLORER_DEBUG_PORT: String(debugPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    start.stdout!.on('data', (c) => (out += c));
    start.stderr!.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((resolve) => start!.once('exit', (code) => resolve(code)));

    // The one line, naming the browser and the serve address.
    const deadline = Date.now() + 90_000;
    while (!/Latent Explorer is open in an app window of/.test(out)) {
      if (Date.now() > deadline || start.exitCode !== null) throw new Error(`no window line:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const line = out.split('\n').find((l) => l.includes('app window of'))!;
    expect(line).toMatch(
      /^No Electron window here \(LATENT_EXPLORER_WINDOW=browser\): .* app window of \S+ over serve mode at http:\/\/127\.0\.0\.1:\d+; closing the window stops the engine\.$/,
    );
    const servePort = Number(/127\.0\.0\.1:(\d+)/.exec(line)![1]);
    expect(await listening(servePort)).toBe(true);

    let browser = null;
    for (let i = 0; i < 100 && !browser; i++) {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`).catch(() => null);
      if (!browser) await new Promise((r) => setTimeout(r, 200));
    }
    if (!browser) throw new Error(`no DevTools endpoint on ${debugPort}:\n${out}`);
    const page = browser.contexts()[0]!.pages()[0]!;
    // App mode over serve mode, with the per-launch token in the address.
    expect(page.url()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${servePort}/\\?token=[\\w-]{16,}`));
    // Reloaded with CSP violations recorded from the start: there must be none (zod's eval probe was one). The
    // DOM event, since Chromium reports violations to its log, not to the console API Playwright listens to.
    await page.context().addInitScript(CSP_RECORDER);
    await page.reload();
    const { backend } = await waitForMap(page);
    expect(['tfjs-node', 'wasm', 'cpu']).toContain(backend);
    await clickDecodes(page);
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations)).toEqual([]);

    // The whole Xvfb screen: the app window with its map (the README's picture comes from this shot).
    const env = Object.fromEntries(
      /DISPLAY=(\S+) XAUTHORITY=(\S*)/
        .exec(out)!
        .slice(1)
        .map((v, i) => [i ? 'XAUTHORITY' : 'DISPLAY', v]),
    );
    mkdirSync(join(ROOT, 'test-results', 'screenshots'), { recursive: true });
    const shot = process.env.APP_WINDOW_SHOT ?? join(ROOT, 'test-results', 'screenshots', 'app-window-screen.png');
    if (hasImport) {
      const taken = spawnSync('import', ['-window', 'root', shot], { env: { ...process.env, ...env }, encoding: 'utf8' });
      expect(taken.status, taken.stderr).toBe(0);
    } else console.log('app window: no screenshot (imagemagick import not installed)');

    // Close the window as its close button would (the page's target closes): the browser exits, then the engine.
    await page.close();
    expect(await exited).toBe(0);
    expect(await listening(servePort)).toBe(false);
    await browser.close().catch(() => {});
  });
});
