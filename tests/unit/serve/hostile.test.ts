/**
 * Serve mode against hostile clients, over real sockets, with the real engine session: it listens on 127.0.0.1
 * only; upgrades without this page's Origin, without the token or for another Host are refused; once connected,
 * requests naming paths, traversals or a symlink planted in the runs library are refused and touch nothing outside.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ExplorerApi } from '../../../src/pure/api/api.js';
import { createHost } from '../../../src/host/host.js';
import { DEFAULT_RUN_DIR } from '../../../src/host/start.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { startServer, type RunningServer } from '../../../src/serve/server.js';
import { connectApi, ROOT, type ApiConnection } from '../../helpers/serve-process.js';

let dir: string;
let runsDir: string;
let outside: string;
let session: Session;
let server: RunningServer;
let conn: ApiConnection;
let api: ExplorerApi;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lex-hostile-'));
  runsDir = join(dir, 'runs');
  outside = join(dir, 'outside-run');
  cpSync(DEFAULT_RUN_DIR, outside, { recursive: true });
  const record = JSON.parse(readFileSync(join(outside, 'run.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(outside, 'run.json'), JSON.stringify({ ...record, id: 'evil', name: 'outside' }));
  cpSync(outside, join(runsDir, 'inside'), { recursive: true });
  writeFileSync(join(runsDir, 'inside', 'run.json'), JSON.stringify({ ...record, id: 'inside', name: 'inside' }));
  symlinkSync(outside, join(runsDir, 'evil'));
  session = createSession({ runsDir, defaultRunDir: DEFAULT_RUN_DIR, backend: currentBackend, version: 'test' });
  server = await startServer({ host: createHost(session), staticDir: join(ROOT, 'dist', 'renderer'), port: 0 });
  conn = await connectApi(server.url);
  api = conn.api;
});

afterAll(async () => {
  conn?.close();
  await server?.close();
  await session?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Tries an upgrade with raw headers; resolves 'open' or the refusal's status line. */
function tryUpgrade(opts: { path?: string; origin?: string | null; host?: string }): Promise<string> {
  const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${server.port}` };
  if (opts.origin !== null) headers.origin = opts.origin ?? `http://127.0.0.1:${server.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${opts.path ?? `/api?token=${server.token}`}`, { headers });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(String(res.statusCode));
      ws.terminate();
    });
    ws.once('error', () => resolve('error'));
  });
}

describe('serve mode against hostile clients', () => {
  it('listens on 127.0.0.1 only: another interface of this machine is refused', async () => {
    expect(server.url.startsWith(`http://127.0.0.1:${server.port}/?token=`)).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!external) return; // no other interface on this machine
    const outcome = await new Promise<string>((resolve) => {
      const socket = netConnect({ host: external, port: server.port });
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });

  it('refuses upgrades with a foreign, missing or null Origin, even with the right token', async () => {
    for (const origin of [
      'http://evil.example',
      `https://127.0.0.1:${server.port}`,
      `http://127.0.0.1:${server.port + 1}`,
      'null',
      null,
      `http://127.0.0.1:${server.port}.evil.example`,
    ]) {
      expect(await tryUpgrade({ origin }), String(origin)).toBe('403');
    }
  });

  it('refuses upgrades without the token, with a wrong or truncated one, or on another path', async () => {
    const t = server.token;
    for (const path of [
      '/api',
      '/api?token=',
      `/api?token=${t.slice(0, -1)}`,
      `/api?token=${t}x`,
      `/api?tok=${t}`,
      `/API?token=${t}`,
      `/api/?token=${t}`,
      `/?token=${t}`,
      `/api?token=${t.toUpperCase()}`,
    ]) {
      expect(await tryUpgrade({ path }), path).toBe('403');
    }
    expect(await tryUpgrade({})).toBe('open');
  });

  it('refuses upgrades addressed to another host name (DNS rebinding), even with the right Origin and token', async () => {
    for (const host of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1', `[::1]:${server.port}`]) {
      expect(await tryUpgrade({ host }), host).toBe('421');
    }
  });

  it('refuses paths, traversals and absolute names wherever a run id is taken, and touches nothing', async () => {
    const ids = [
      '..',
      '../runs/inside',
      '/etc/passwd',
      'C:\\Windows',
      '..\\..\\x',
      'inside/../inside',
      'a/b',
      '%2e%2e',
      '.hidden',
      '',
      ' inside',
      'inside\0',
    ];
    for (const id of ids) {
      for (const call of [
        () => api.openRun({ id }),
        () => api.runConfig({ id }),
        () => api.renameRun({ id, name: 'x' }),
        () => api.deleteRun({ id }),
        () => api.resumeRun({ id }),
      ]) {
        await expect(call(), JSON.stringify(id)).rejects.toMatchObject({ code: expect.stringMatching(/^(bad-request|not-found)$/) });
      }
    }
    expect((await api.runConfig({ id: 'inside' })).arch).toBe('dense');
  });

  it('refuses a run folder that is a symlink out of the library: not opened, listed, renamed or deleted', async () => {
    const before = readFileSync(join(outside, 'run.json'), 'utf8');
    await expect(api.openRun({ id: 'evil' })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/symbolic link|outside/),
    });
    await expect(api.runConfig({ id: 'evil' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(api.renameRun({ id: 'evil', name: 'pwned' })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(api.deleteRun({ id: 'evil' })).rejects.toMatchObject({ code: 'bad-request' });
    expect((await api.listRuns()).map((r) => r.id)).not.toContain('evil');
    expect(readFileSync(join(outside, 'run.json'), 'utf8')).toBe(before);
    expect(existsSync(join(outside, 'encoder', 'weights.bin'))).toBe(true);
    expect((await api.openRun({ id: 'inside' })).name).toBe('inside');
  });

  it('keeps serving the same socket after every refusal', async () => {
    expect((await api.info()).backend).toBe('wasm');
  });
});
