/**
 * A hostile web page in the same Chromium as the app: served by this test from a second origin, it knows the
 * app's URL and token (the worst case: the URL leaked) and tries to drive the engine. The WebSocket is refused
 * (foreign Origin), the app's pages cannot be read across origins, and the app refuses to be framed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeE2e, launchApp, type E2eApp } from './harness.js';

let app: E2eApp;
let hostile: Server;
let hostileUrl: string;

describeE2e('a hostile page against serve mode (Chromium)', () => {
  beforeAll(async () => {
    app = await launchApp();
    hostile = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>hostile</title><body>hi</body>'),
    );
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    hostile?.close();
    await app?.close();
  });

  it('the hostile page cannot open the engine socket, read the app page, or frame the app', async () => {
    const page = await app.browser.newPage();
    try {
      await page.goto(hostileUrl);
      const target = new URL(app.url);
      const outcome = await page.evaluate(
        async ({ appUrl, wsUrl }) => {
          const socket = await new Promise<string>((resolve) => {
            const ws = new WebSocket(wsUrl);
            ws.binaryType = 'arraybuffer';
            ws.onopen = () => (ws.close(), resolve('open'));
            ws.onerror = () => resolve('refused');
          });
          // A CORS read of the app's page: no Access-Control-Allow-Origin, so the browser refuses to hand it over.
          const read = await fetch(appUrl).then(
            (r) => r.text().then(() => 'read'),
            () => 'blocked',
          );
          // An opaque no-cors request may be sent, but its body stays unreadable.
          const opaque = await fetch(appUrl, { mode: 'no-cors' }).then(
            (r) => `${r.type}:${r.body === null || r.status === 0}`,
            () => 'blocked',
          );
          const framed = await new Promise<string>((resolve) => {
            const frame = document.createElement('iframe');
            frame.src = appUrl;
            frame.onload = () => {
              try {
                resolve(frame.contentDocument?.title ? 'framed' : 'blank');
              } catch {
                resolve('cross-origin');
              }
            };
            document.body.append(frame);
            setTimeout(() => resolve('timeout'), 5000);
          });
          return { socket, read, opaque, framed };
        },
        { appUrl: app.url, wsUrl: `ws://${target.host}/api?token=${target.searchParams.get('token')}` },
      );
      expect(outcome.socket).toBe('refused');
      expect(outcome.read).toBe('blocked');
      expect(outcome.opaque).toBe('opaque:true');
      expect(outcome.framed).not.toBe('framed');
      // The frame holds Chromium's refusal page, not the app: frame-ancestors 'none' is enforced.
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(
        await frame
          ?.locator('[data-testid="tab-explorer"]')
          .count()
          .catch(() => 0),
      ).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('the app page itself still connects with its own origin and token', async () => {
    await app.page.waitForSelector('[data-testid="tab-explorer"]');
    const target = new URL(app.url);
    const state = await app.page.evaluate(
      (u) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(u);
          ws.onopen = () => (ws.close(), resolve('open'));
          ws.onerror = () => resolve('refused');
        }),
      `ws://${target.host}/api?token=${target.searchParams.get('token')}`,
    );
    expect(state).toBe('open');
  });
});
