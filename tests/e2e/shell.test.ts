/**
 * The shell in a real Chromium against serve mode: the page loads, the status bar names the backend and the
 * default model, and switching to Spanish changes the visible labels (and survives a reload).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, describeE2e, launchApp, type E2eApp } from './harness.js';

let app: E2eApp;

const defaultRun = join(ROOT, 'assets', 'default-run', 'run.json');
const defaultName = existsSync(defaultRun) ? (JSON.parse(readFileSync(defaultRun, 'utf8')) as { name: string }).name : null;

describeE2e('the shell in Chromium (serve mode)', () => {
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(() => app?.close());

  it('loads the page with its title, tabs and language switch', async () => {
    const { page } = app;
    await expect.poll(() => page.title()).toBe('Latent Explorer');
    await expect.poll(() => page.locator('[data-testid="tab-explorer"]').textContent()).toBe('Explorer');
    expect(await page.locator('[data-testid="lang"]').inputValue()).toBe('en');
  });

  it('the status bar names the backend, the dataset and the default model', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('[data-testid="status-backend"]').textContent(), { timeout: 60_000 }).toBe('wasm');
    await expect.poll(() => page.locator('[data-testid="status-dataset"]').textContent()).toContain('MNIST');
    expect(defaultName, 'assets/default-run/run.json must exist').not.toBeNull();
    await expect.poll(() => page.locator('[data-testid="status-model"]').textContent(), { timeout: 60_000 }).toBe(defaultName);
    await expect.poll(() => page.locator('[data-testid="status-link"]').getAttribute('class')).toContain('link-ready');
    await app.screenshot('shell-en');
  });

  it('switching to Spanish changes the visible labels, and the choice survives a reload', async () => {
    const { page } = app;
    await page.selectOption('[data-testid="lang"]', 'es');
    await expect.poll(() => page.locator('[data-testid="tab-explorer"]').textContent()).toBe('Explorador');
    await expect.poll(() => page.locator('footer').textContent()).toContain('Motor');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await app.screenshot('shell-es');
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="tab-explorer"]').textContent(), { timeout: 30_000 }).toBe('Explorador');
    await page.selectOption('[data-testid="lang"]', 'en');
    await expect.poll(() => page.locator('[data-testid="tab-explorer"]').textContent()).toBe('Explorer');
  });

  it('a page from another origin cannot open the engine WebSocket, even knowing the token; a wrong token fails too', async () => {
    const hostile = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>hostile</title>'));
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    const page = await app.browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`);
      const { host, searchParams } = new URL(app.url);
      expect(await tryOpen(page, `ws://${host}/api?token=${searchParams.get('token')}`)).toBe('refused');
      await page.goto(app.url);
      expect(await tryOpen(page, `ws://${host}/api?token=wrong`)).toBe('refused');
      expect(await tryOpen(page, `ws://${host}/api?token=${searchParams.get('token')}`)).toBe('open');
    } finally {
      await page.close();
      hostile.close();
    }
  });

  it('the page threw no errors', () => {
    expect(app.pageErrors.join('\n')).toBe('');
  });
});

function tryOpen(page: Page, url: string): Promise<'open' | 'refused'> {
  return page.evaluate(
    (u) =>
      new Promise<'open' | 'refused'>((resolve) => {
        const ws = new WebSocket(u);
        ws.onopen = () => (ws.close(), resolve('open'));
        ws.onerror = () => resolve('refused');
      }),
    url,
  );
}
