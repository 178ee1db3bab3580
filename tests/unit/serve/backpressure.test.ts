/**
 * Back-pressure (issue 18): a client that sends many requests with large answers and never reads its socket
 * used to make the server buffer every response (0.3 -> 2.7 GB after 150 requests). Now the server stops reading
 * that connection, keeps what it buffers for it bounded, closes it with a reason past a hard limit, and lets it
 * all go when the client leaves, while another client is answered as usual.
 */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Host } from '../../../src/host/host.js';
import { encodeFrame, decodeFrame } from '../../../src/pure/api/wire.js';
import { NOT_READING, type BackpressureLimits } from '../../../src/serve/backpressure.js';
import { startServer, type RunningServer } from '../../../src/serve/server.js';

const ANSWER_BYTES = 1024 * 1024;
let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A host whose every answer is 1 MB of bytes; counts the requests it was given. */
function bigAnswers(): Host & { handled: number } {
  const host = {
    handled: 0,
    async handle() {
      host.handled += 1;
      return { ok: true as const, value: { images: new Uint8Array(ANSWER_BYTES) } };
    },
    on: () => () => {},
    onAny: () => () => {},
  };
  return host;
}

async function start(host: Host, limits?: BackpressureLimits) {
  server = await startServer({ host, staticDir: '/nonexistent', port: 0, limits });
  return server;
}

async function client(s: RunningServer): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api?token=${s.token}`, { origin: `http://127.0.0.1:${s.port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

/** The TCP socket under a client, to stop and restart its reading. */
const socketOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;
const request = (id: number) => encodeFrame({ kind: 'request', id, method: 'images', arg: { indices: [1] } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(20);
  }
}

describe('a client that never reads', () => {
  it('stops being read: the server starts a bounded number of its requests and buffers a bounded number of bytes', async () => {
    const host = bigAnswers();
    const s = await start(host);
    const greedy = await client(s);
    socketOf(greedy).pause(); // reads nothing, ever
    for (let id = 1; id <= 300; id++) greedy.send(request(id));
    await until(() => s.connections()[0]?.paused === true);
    await sleep(500);
    const [stats] = s.connections();
    // 300 requests of 1 MB answers sent; at most 16 started (the kernel's socket buffers take a few answers).
    expect(host.handled).toBeLessThanOrEqual(16 + 8);
    expect(stats!.peakBufferedBytes).toBeLessThanOrEqual(17 * ANSWER_BYTES);

    // Another client is still answered at once.
    const polite = await client(s);
    const answer = new Promise<Buffer>((resolve) => polite.once('message', (d: Buffer) => resolve(d)));
    polite.send(request(1));
    const message = decodeFrame(await answer);
    expect(message).toMatchObject({ kind: 'response', id: 1, ok: true });
    polite.close();

    // The client leaves: its connection and everything queued for it go.
    greedy.terminate();
    await until(() => s.connections().length === 0);
  });

  it('is closed with code 1008 and a reason once its unread answers pass the hard limit', async () => {
    const host = bigAnswers();
    const s = await start(host, {
      maxOutstanding: 64,
      highWaterBytes: 64 * ANSWER_BYTES,
      lowWaterBytes: ANSWER_BYTES,
      hardLimitBytes: 4 * ANSWER_BYTES,
    });
    const greedy = await client(s);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      greedy.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socketOf(greedy).pause();
    for (let id = 1; id <= 40; id++) greedy.send(request(id));
    await until(() => s.connections()[0]?.closing === true);
    // The client reads again, and finds the close frame behind the answers.
    socketOf(greedy).resume();
    const { code, reason } = await closed;
    expect({ code, reason }).toEqual({ code: NOT_READING.code, reason: NOT_READING.reason });
    await until(() => s.connections().length === 0);
  });
});
