/**
 * Requests Node's HTTP parser refuses are answered with a status, not a reset socket (issue 18): a 70 KB URL gets
 * 414, a 100 KB header 431; the server goes on serving.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/host/host.js';
import { startServer, type RunningServer } from '../../../src/serve/server.js';

let server: RunningServer;
const host: Host = { handle: async () => ({ ok: true, value: null }), on: () => () => {}, onAny: () => () => {} };
beforeAll(async () => {
  server = await startServer({ host, staticDir: '/nonexistent', port: 0 });
});
afterAll(() => server.close());

/** Sends raw bytes and returns the status line of the answer ('' when the socket was reset without one). */
function raw(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let got = '';
    socket.on('data', (d) => (got += d.toString()));
    socket.on('error', () => {});
    socket.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
    socket.write(text);
  });
}

describe('raw requests the parser refuses', () => {
  const hostHeader = () => `Host: 127.0.0.1:${server.port}\r\n`;
  it('a 70 KB URL is answered 414', async () => {
    expect(await raw(`GET /${'a'.repeat(70_000)} HTTP/1.1\r\n${hostHeader()}\r\n`)).toBe('HTTP/1.1 414 URI Too Long');
  });
  it('a 100 KB header is answered 431', async () => {
    expect(await raw(`GET / HTTP/1.1\r\n${hostHeader()}X-Big: ${'b'.repeat(100_000)}\r\n\r\n`)).toBe(
      'HTTP/1.1 431 Request Header Fields Too Large',
    );
  });
  it('garbage is answered 400, and the server still serves', async () => {
    expect(await raw('NOT HTTP AT ALL\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(`GET /nothing HTTP/1.1\r\n${hostHeader()}Connection: close\r\n\r\n`)).toMatch(/^HTTP\/1.1 \d{3}/);
  });
});
