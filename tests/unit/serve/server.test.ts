import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { IMAGE_PIXELS } from '../../../src/pure/api/api.js';
import { createHost } from '../../../src/host/host.js';
import { startServer, type RunningServer } from '../../../src/serve/server.js';
import { decodeFrame, encodeFrame, type Message, type ResponseMessage } from '../../../src/pure/api/wire.js';
import { createFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';

let server: RunningServer;
let engine: FakeEngine;
let origin: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lex-serve-'));
  const root = join(dir, 'site');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Latent Explorer</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'leak.txt'));
  engine = await createFakeEngine();
  server = await startServer({ host: createHost(engine), staticDir: root, port: 0 });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.close());

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket client that pairs responses with their ids. */
async function connect(opts: { origin?: string; token?: string } = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${opts.token ?? server.token}`, { origin: opts.origin ?? origin });
  const responses: ResponseMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const m = decodeFrame(data);
    if (m.kind === 'response') responses.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async (id: number): Promise<ResponseMessage> => {
    for (;;) {
      const found = responses.find((r) => r.id === id);
      if (found) return found;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  let id = 0;
  const call = (method: string, arg?: unknown) => {
    const m: Message = { kind: 'request', id: ++id, method, arg };
    ws.send(encodeFrame(m));
    return next(id);
  };
  return { ws, call, next };
}

describe('startServer: HTTP', () => {
  it('prints a token URL on 127.0.0.1 and serves index.html with a strict CSP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Latent Explorer');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('refuses traversal, encoded traversal, backslashes and symlinks out of the folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/leak.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const res = await get(path);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('secret');
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${server.port}` })).status).toBe(421);
  });
});

describe('startServer: WebSocket API', () => {
  it('refuses upgrades without the token or from another origin', async () => {
    await expect(connect({ token: 'wrong' })).rejects.toThrow(/403/);
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ origin: `http://127.0.0.1:${server.port + 1}` })).rejects.toThrow(/403/);
  });

  it('answers bad requests with clear errors and keeps serving the same socket', async () => {
    const { ws, call, next } = await connect();
    expect(await call('explode')).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call('decode', { points: 'many' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await call('decode', { points: new Float32Array([NaN, 0]) })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/finite/) },
    });
    expect(await call('decode', { points: new Float32Array(2e7) })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/at most 10000 points/) },
    });
    ws.send(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(await next(0)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/malformed frame/) } });
    ws.send('{"kind":"request","id":1,"method":"info"}');
    const good = await call('decode', { points: new Float32Array([1, 0]) });
    expect(good.ok).toBe(true);
    expect((good as { value: { images: Uint8Array } }).value.images.length).toBe(IMAGE_PIXELS);
    ws.close();
  });

  it('forwards engine events to every connected socket', async () => {
    const a = await connect();
    const b = await connect();
    const got = (ws: WebSocket) =>
      new Promise<Message>((resolve) =>
        ws.on('message', (d: Buffer) => {
          const m = decodeFrame(d);
          if (m.kind === 'event') resolve(m);
        }),
      );
    const pa = got(a.ws);
    const pb = got(b.ws);
    engine.events.emit('trainEnd', { runId: 'r1', outcome: 'cancelled' });
    expect(await pa).toMatchObject({ name: 'trainEnd', payload: { runId: 'r1' } });
    expect(await pb).toMatchObject({ name: 'trainEnd', payload: { outcome: 'cancelled' } });
    a.ws.close();
    b.ws.close();
  });
});
