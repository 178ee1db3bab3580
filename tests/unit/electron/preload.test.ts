import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, listenerName, type ExplorerApi, type MenuCommand, type ShellApi } from '../../../src/pure/api/api.js';
import { connectEndpoint } from '../../../src/host/endpoint.js';
import { fromBridgeError } from '../../../src/pure/api/rpc-client.js';
import { createHost } from '../../../src/host/host.js';
import type { Message } from '../../../src/pure/api/wire.js';
import { createFakeEngine } from '../helpers/fake-engine.js';

// The preload runs against a stand-in contextBridge and ipcRenderer; ports are Node's MessageChannel, which
// clones typed arrays as Electron's do.
const exposed: Record<string, unknown> = {};
const ipc = new EventEmitter();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { on: (channel: string, listener: (...args: unknown[]) => void) => ipc.on(channel, listener) },
}));

let api: ExplorerApi;

/** Plays main: a new channel whose far end is served by a host over a fake engine. */
async function handPort(restartReason?: string) {
  const host = createHost(await createFakeEngine());
  const { port1, port2 } = new MessageChannel();
  const endpoint = connectEndpoint(host, (m) => port2.postMessage(m));
  port2.onmessage = (e: MessageEvent<Message>) => endpoint.receive(e.data);
  ipc.emit('app:engine-port', { ports: [port1] }, { restartReason });
  return { port1, port2, endpoint };
}

beforeAll(async () => {
  await import('../../../electron/preload.js');
  api = exposed.explorer as ExplorerApi;
});

describe('preload', () => {
  it('exposes window.explorer with every request and every onDid event, and window.explorerShell', () => {
    for (const name of REQUEST_NAMES) expect(typeof api[name], name).toBe('function');
    for (const name of EVENT_NAMES) expect(typeof api[listenerName(name)], name).toBe('function');
    expect(typeof (exposed.explorerShell as ShellApi).onMenu).toBe('function');
  });

  it('queues requests made before the engine port arrives, then answers them over it', async () => {
    const pending = api.decode({ points: Float32Array.of(7, 0) });
    const { port1, port2 } = await handPort();
    const { images } = await pending;
    expect(images).toBeInstanceOf(Uint8Array);
    expect(images.length).toBe(784);
    // The error crosses the contextBridge as a plain Error; the page's api-client turns it back into an ApiError.
    const err = await api.decode({ points: Float32Array.of(NaN, 0) }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^\[bad-request\] decode: points/);
    expect(fromBridgeError(err)).toMatchObject({
      name: 'ApiError',
      code: 'bad-request',
      message: expect.stringMatching(/^decode: points/),
    });
    port1.close();
    port2.close();
  });

  it('on a new port after a restart, emits engineRestart with the reason and serves requests again', async () => {
    const reasons: string[] = [];
    const off = api.onDidEngineRestart((e) => reasons.push(e.reason));
    const { port1, port2 } = await handPort('the engine process exited with code 9');
    expect(reasons).toEqual(['the engine process exited with code 9']);
    expect((await api.info()).dataset.trainCount).toBe(60_000);
    off();
    port1.close();
    port2.close();
  });

  it('forwards menu commands to page listeners', () => {
    const got: MenuCommand[] = [];
    const off = (exposed.explorerShell as ShellApi).onMenu((c) => got.push(c));
    ipc.emit('app:menu', {}, { kind: 'language', locale: 'es' });
    off();
    ipc.emit('app:menu', {}, { kind: 'exportFigure' });
    expect(got).toEqual([{ kind: 'language', locale: 'es' }]);
  });
});
