/**
 * The preload and the page's port transport together: the preload (against a stand-in contextBridge and
 * ipcRenderer) hands each engine port to the page with window.postMessage, and the page (renderer/api-client.ts)
 * builds the one API client over it. Ports are Node's MessageChannel, which clones typed arrays as Electron's do.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, EVENT_NAMES, REQUEST_NAMES, listenerName, type MenuCommand, type ShellApi } from '../../../src/pure/api/api.js';
import type { LinkStatus } from '../../../src/pure/api/connection.js';
import { connectEndpoint } from '../../../src/host/endpoint.js';
import { createHost } from '../../../src/host/host.js';
import type { Message } from '../../../src/pure/api/wire.js';
import { connectPort, type ApiConnection, type PortSource } from '../../../renderer/api-client.js';
import { createFakeEngine } from '../helpers/fake-engine.js';

const exposed: Record<string, unknown> = {};
const ipc = new EventEmitter();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { on: (channel: string, listener: (...args: unknown[]) => void) => ipc.on(channel, listener) },
}));

/** The page's window as the preload and the page see it: postMessage delivers a message event to itself. */
class FakeWindow extends EventTarget {
  posted = 0;
  postMessage(data: unknown, _origin: string, ports: MessagePort[] = []) {
    this.posted += 1;
    const event = Object.assign(new Event('message'), { data, source: this, ports });
    setTimeout(() => this.dispatchEvent(event));
  }
}
const win = new FakeWindow();
vi.stubGlobal('window', win);
vi.stubGlobal('document', { readyState: 'complete' });

let connection: ApiConnection;
const statuses: LinkStatus[] = [];
const open: MessagePort[] = [];

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

/** Plays main: a new channel whose far end is served by a host over a fake engine (or by nobody). */
async function handPort(restartReason?: string, serve = true) {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  if (serve) {
    const endpoint = connectEndpoint(createHost(await createFakeEngine()), (m) => port2.postMessage(m));
    port2.onmessage = (e: MessageEvent<Message>) => endpoint.receive(e.data);
  }
  const before = win.posted;
  ipc.emit('app:engine-port', { ports: [port1] }, { restartReason });
  // The preload posts after a microtask and the window delivers on a timer: let both run.
  await until(() => win.posted > before);
  await new Promise((r) => setTimeout(r));
  return port2;
}

beforeAll(async () => {
  await import('../../../electron/preload.js');
  connection = connectPort(win as unknown as PortSource, win);
  connection.onStatus((s) => statuses.push(s));
});

afterEach(() => open.splice(0).forEach((p) => p.close()));

describe('preload and page over the engine port', () => {
  it('exposes only window.explorerShell: the API is built in the page, not across the bridge', () => {
    expect(Object.keys(exposed)).toEqual(['explorerShell']);
    expect(typeof (exposed.explorerShell as ShellApi).onMenu).toBe('function');
    for (const name of REQUEST_NAMES) expect(typeof connection.api[name], name).toBe('function');
    for (const name of EVENT_NAMES) expect(typeof connection.api[listenerName(name)], name).toBe('function');
  });

  it('queues requests made before the port arrives, then answers them; errors keep their code as values', async () => {
    expect(statuses).toEqual(['connecting']);
    const pending = connection.api.decode({ points: Float32Array.of(7, 0) });
    await handPort();
    const { images } = await pending;
    expect(images).toBeInstanceOf(Uint8Array);
    expect(images.length).toBe(784);
    expect(statuses).toEqual(['connecting', 'ready']);
    const err = await connection.api.decode({ points: Float32Array.of(NaN, 0) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^decode: points/) });
  });

  it('when the engine dies, requests in flight fail at once and the status says restarting; a new port serves again', async () => {
    const silent = await handPort(undefined, false);
    let received = 0;
    silent.onmessage = () => void (received += 1);
    expect(statuses.at(-1)).toBe('ready');
    const inFlight = connection.api.info().catch((e: unknown) => e);
    await until(() => received === 1);
    ipc.emit('app:engine-down', {}, { reason: 'the engine process exited with code 9', final: false });
    const err = await inFlight;
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/exited with code 9/);
    expect(statuses.at(-1)).toBe('restarting');

    const reasons: string[] = [];
    const off = connection.api.onDidEngineRestart((e) => reasons.push(e.reason));
    const queued = connection.api.info();
    await handPort('the engine process exited with code 9');
    expect((await queued).dataset.trainCount).toBe(60_000);
    expect(reasons).toEqual(['the engine process exited with code 9']);
    expect(statuses.at(-1)).toBe('ready');
    off();
  });

  it('ignores messages another window posts, even with the right tag', async () => {
    await handPort();
    const { port1 } = new MessageChannel();
    open.push(port1);
    const before = statuses.length;
    win.dispatchEvent(
      Object.assign(new Event('message'), {
        data: { tag: 'latent-explorer:engine-link', kind: 'down', reason: 'x', final: true },
        source: {},
        ports: [],
      }),
    );
    win.dispatchEvent(
      Object.assign(new Event('message'), { data: { tag: 'latent-explorer:engine-link', kind: 'port' }, source: {}, ports: [port1] }),
    );
    expect(statuses.length).toBe(before);
    expect((await connection.api.info()).dataset.trainCount).toBe(60_000);
  });

  it('forwards menu commands to page listeners', () => {
    const got: MenuCommand[] = [];
    const off = (exposed.explorerShell as ShellApi).onMenu((c) => got.push(c));
    ipc.emit('app:menu', {}, { kind: 'language', locale: 'es' });
    off();
    ipc.emit('app:menu', {}, { kind: 'exportFigure' });
    expect(got).toEqual([{ kind: 'language', locale: 'es' }]);
  });

  it('when the engine is given up on, pending and queued requests fail, later ones fail at once, and the status says so', async () => {
    const silent = await handPort('restarted once more', false);
    let received = 0;
    silent.onmessage = () => void (received += 1);
    const inFlight = connection.api.listRuns().catch((e: unknown) => e);
    await until(() => received === 1);
    ipc.emit('app:engine-down', {}, { reason: 'the engine process exited with code 1', final: false });
    await until(() => statuses.at(-1) === 'restarting');
    const queued = connection.api.info().catch((e: unknown) => e);
    ipc.emit('app:engine-down', {}, { reason: 'it failed 6 times within 60 s', final: true });
    for (const err of [await inFlight, await queued]) expect(err).toBeInstanceOf(ApiError);
    expect(((await queued) as ApiError).message).toMatch(/6 times/);
    expect(statuses.at(-1)).toBe('gave-up');
    const later = await connection.api.info().catch((e: unknown) => e);
    expect(later).toMatchObject({ name: 'ApiError', code: 'internal', message: expect.stringMatching(/stopped for good/) });
  });
});
