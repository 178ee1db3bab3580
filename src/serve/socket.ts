/**
 * The WebSocket face of the engine host. An upgrade is accepted only on `/api`, from this server's own page
 * (the Origin header) and with the per-launch token, so another web page or local user cannot drive the engine.
 * Every frame is answered: malformed ones with a `bad-request` response of id 0, and the socket stays open.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Host } from '../host/host.js';
import { connectEndpoint } from '../host/endpoint.js';
import { WireError, decodeFrame, encodeFrame, type Message } from '../pure/api/wire.js';
import { connectionFlow, type BackpressureLimits, type ConnectionStats, type Flow } from './backpressure.js';
import { errorMessage } from '../pure/errors.js';

/**
 * Largest frame accepted, in bytes. Big enough that an oversized request (a 10^7-point decode is 80 MB)
 * arrives and is refused by the schemas with a clear message instead of a dropped connection.
 */
export const MAX_FRAME_BYTES = 128 * 1024 * 1024;

export interface SocketOptions {
  host: Host;
  /** Per-connection back-pressure (defaults: see backpressure.ts). */
  limits?: BackpressureLimits;
  token: string;
  /** Origins allowed to connect, e.g. `http://127.0.0.1:5175`. Filled in once the port is known. */
  allowedOrigins: () => readonly string[];
}

export interface SocketServer {
  /** Handles an HTTP upgrade: accepts it or answers 403 and closes. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
  /** Back-pressure state of every open connection (for tests and the soak benchmark). */
  stats(): ConnectionStats[];
}

export function createSocketServer(opts: SocketOptions): SocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const flows = new Map<WebSocket, Flow>();
  wss.on('connection', (ws) => {
    flows.set(ws, attach(ws, opts.host, opts.limits));
    ws.on('close', () => flows.delete(ws));
  });
  return {
    upgrade(req, socket, head) {
      const refusal = checkUpgrade(req, opts);
      if (refusal) {
        socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
    stats: () => [...flows.values()].map((flow) => flow.stats()),
  };
}

/** Why an upgrade is refused, or null to accept it. */
export function checkUpgrade(req: IncomingMessage, opts: Pick<SocketOptions, 'token' | 'allowedOrigins'>): string | null {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/api') return 'unknown endpoint';
  const origin = req.headers.origin;
  if (!origin || !opts.allowedOrigins().includes(origin)) return 'origin not allowed';
  const given = Buffer.from(url.searchParams.get('token') ?? '');
  const expected = Buffer.from(opts.token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad token';
  return null;
}

function attach(ws: WebSocket, host: Host, limits?: BackpressureLimits): Flow {
  const flow = connectionFlow(ws, limits);
  // A response ends its request's life in the flow; events and id-0 refusals are not requests.
  const send = (message: Message) => flow.send(encodeFrame(message), message.kind === 'response' && message.id !== 0);
  const endpoint = connectEndpoint(host, send);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    let message: Message;
    try {
      if (!isBinary) throw new WireError('text frames are not part of the protocol');
      message = decodeFrame(Array.isArray(data) ? Buffer.concat(data) : data);
    } catch (err) {
      const reason = errorMessage(err);
      send({ kind: 'response', id: 0, ok: false, error: { code: 'bad-request', message: `malformed frame: ${reason}` } });
      return;
    }
    if (message.kind === 'request' && message.id !== 0) flow.admit(() => endpoint.receive(message));
    else endpoint.receive(message);
  });
  // Errors (e.g. an over-long frame) close this socket only; the server goes on.
  ws.on('error', (err) => console.error(`latent-explorer: websocket: ${err.message}`));
  ws.on('close', () => endpoint.close());
  return flow;
}
