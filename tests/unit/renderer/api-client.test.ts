/**
 * Serve mode's transport gives the same link behaviour as the Electron port (tests/unit/electron/preload.test.ts):
 * status connecting/ready/lost/gave-up, an engineRestart on reconnection, in-flight requests failed on a drop,
 * errors as ApiError values, typed arrays as typed arrays.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/pure/api/api.js';
import type { LinkStatus } from '../../../src/pure/api/connection.js';
import { decodeFrame, encodeFrame, type Message } from '../../../src/pure/api/wire.js';
import { connectWebSocket } from '../../../renderer/api-client.js';

class FakeSocket {
  binaryType = '';
  sent: Message[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  send(frame: Uint8Array) {
    this.sent.push(decodeFrame(frame));
  }
  answer(message: Message) {
    const frame = encodeFrame(message);
    this.onmessage?.({ data: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const connection = connectWebSocket(
    'ws://127.0.0.1/api?token=t',
    () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s as unknown as WebSocket;
    },
    ((fn: () => void) => timers.push(fn)) as unknown as typeof setTimeout,
  );
  const statuses: LinkStatus[] = [];
  connection.onStatus((s) => statuses.push(s));
  return { connection, sockets, timers, statuses, last: () => sockets.at(-1)! };
}

describe('connectWebSocket', () => {
  it('queues until open, then answers with typed arrays and ApiError values', async () => {
    const { connection, last, statuses } = setup();
    const decoded = connection.api.decode({ points: Float32Array.of(1, 2) });
    expect(last().sent).toEqual([]);
    last().onopen!();
    expect(statuses).toEqual(['connecting', 'ready']);
    const [request] = last().sent;
    expect(request).toMatchObject({ kind: 'request', method: 'decode', arg: { points: Float32Array.of(1, 2) } });
    last().answer({ kind: 'response', id: (request as { id: number }).id, ok: true, value: { images: Uint8Array.of(9) } });
    expect((await decoded).images).toEqual(Uint8Array.of(9));
    const refused = connection.api.info().catch((e: unknown) => e);
    last().answer({
      kind: 'response',
      id: (last().sent[1] as { id: number }).id,
      ok: false,
      error: { code: 'no-model', message: 'none open' },
    });
    expect(await refused).toEqual(new ApiError('no-model', 'none open'));
    expect(await refused).toBeInstanceOf(ApiError);
  });

  it('a drop fails requests in flight and says lost; the reconnection sends queued ones and emits engineRestart', async () => {
    const { connection, last, timers, statuses, sockets } = setup();
    last().onopen!();
    const inFlight = connection.api.info().catch((e: unknown) => e);
    last().onclose!({ code: 1006, reason: '' });
    expect(await inFlight).toMatchObject({ name: 'ApiError', code: 'internal', message: expect.stringMatching(/lost \(code 1006\)/) });
    expect(statuses.at(-1)).toBe('lost');
    const restarts: string[] = [];
    connection.api.onDidEngineRestart((e) => restarts.push(e.reason));
    const queued = connection.api.listRuns();
    timers.shift()!();
    expect(sockets).toHaveLength(2);
    last().onopen!();
    expect(statuses.at(-1)).toBe('ready');
    expect(restarts).toEqual(['reconnected']);
    last().answer({ kind: 'response', id: (last().sent[0] as { id: number }).id, ok: true, value: [] });
    expect(await queued).toEqual([]);
  });

  it('gives up after repeated failed attempts: pending requests fail, later ones fail at once, no more retries', async () => {
    const { connection, last, timers, statuses, sockets } = setup();
    const waiting = connection.api.info().catch((e: unknown) => e);
    for (let i = 0; i < 100 && statuses.at(-1) !== 'gave-up'; i++) {
      last().onclose!({ code: 1006, reason: '' });
      timers.shift()?.();
    }
    expect(statuses.at(-1)).toBe('gave-up');
    expect(sockets.length).toBe(15);
    expect(timers).toEqual([]);
    expect(await waiting).toBeInstanceOf(ApiError);
    expect(await connection.api.info().catch((e: unknown) => e)).toMatchObject({ message: expect.stringMatching(/after 15 attempts/) });
  });
});
