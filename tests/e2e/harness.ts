/**
 * The end-to-end harness: starts the real app in serve mode (`tsx src/cli.ts serve --port 0 --runs <tmp>`) as a
 * child process, reads the URL it prints, and drives Debian's Chromium through playwright-core.
 * Without Chromium the e2e suites are skipped locally, and fail under CI=true (CI must not pass by skipping).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const URL_TIMEOUT_MS = 120_000;

/** `describe` when Chromium is there; otherwise skipped, or under CI a suite with one failing test saying why. */
export function describeE2e(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs Chromium at ${CHROMIUM} (CI requires the e2e tests: apt-get install -y chromium)`, () => {
        throw new Error(`Chromium not found at ${CHROMIUM}`);
      });
    });
  } else {
    describe.skip(`${name} (no Chromium at ${CHROMIUM})`, body);
  }
}
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output: () => string;
  stop(): Promise<void>;
}

/** Builds the renderer if needed and starts serve mode on a free port. */
export async function startServe(opts: { runsDir: string; env?: Record<string, string> }): Promise<ServeProcess> {
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', 'renderer'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the renderer build failed');
  }
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  // Its own process group, so stop() ends tsx and the node process it starts, and nothing else.
  const child = spawn(tsx, ['src/cli.ts', 'serve', '--port', '0', '--runs', opts.runsDir], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within ${URL_TIMEOUT_MS / 1000} s:\n${out}`)), URL_TIMEOUT_MS);
    const check = () => {
      const match = /^serving (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code} before printing its URL:\n${out}`));
    });
  });
  return { url, child, output: () => out, stop };
}

export interface E2eApp {
  url: string;
  page: Page;
  browser: Browser;
  server: ServeProcess;
  runsDir: string;
  /** Errors the page threw or logged. */
  pageErrors: string[];
  /** Saves a full-page PNG into test-results/screenshots/<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts serve mode with a fresh runs library and opens its page in Chromium. */
export async function launchApp(opts: { viewport?: { width: number; height: number }; runsDir?: string } = {}): Promise<E2eApp> {
  const ownRuns = !opts.runsDir;
  const runsDir = opts.runsDir ?? mkdtempSync(join(tmpdir(), 'lex-e2e-runs-'));
  const server = await startServe({ runsDir });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1360, height: 860 }, locale: 'en-US' });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(server.url);
    const b = browser;
    return {
      url: server.url,
      page,
      browser: b,
      server,
      runsDir,
      pageErrors,
      async screenshot(name) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const path = join(SCREENSHOTS, `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      async close() {
        await b.close();
        await server.stop();
        if (ownRuns) rmSync(runsDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await server.stop();
    throw err;
  }
}
