/**
 * Start the app for the explorer's browser tests: `serve` on a free port with the built renderer, and Debian's
 * Chromium through playwright-core. `E2E_URL` points the tests at an already running server instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface Launched {
  page: Page;
  url: string;
  close(): Promise<void>;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function startServe(): Promise<{ url: string; child: ChildProcess }> {
  const build = spawn(process.execPath, ['scripts/build.mjs', 'renderer'], { stdio: 'inherit' });
  const code = await new Promise<number | null>((r) => build.on('exit', r));
  if (code !== 0) throw new Error(`renderer build failed (${code})`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 120 s:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (c) => reject(new Error(`serve exited (${c}):\n${out}`)));
  });
  return { url, child };
}

export async function launchExplorer(viewport = { width: 1440, height: 900 }): Promise<Launched> {
  const given = process.env.E2E_URL;
  const server = given ? null : await startServe();
  const url = given ?? server!.url;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    return {
      page,
      url,
      async close() {
        await browser?.close();
        server?.child.kill('SIGTERM');
      },
    };
  } catch (e) {
    await browser?.close();
    server?.child.kill('SIGTERM');
    throw e;
  }
}
