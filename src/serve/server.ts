/**
 * Serve mode: the built renderer over HTTP and the engine host over a WebSocket, on 127.0.0.1 only.
 * Requests whose Host header is not this server (DNS rebinding) are refused before anything else.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Host } from '../host/host.js';
import type { BackpressureLimits, ConnectionStats } from './backpressure.js';
import { answerClientError } from './client-errors.js';
import { createSocketServer } from './socket.js';
import { plain, serveStatic } from './static.js';

export interface ServeOptions {
  host: Host;
  /** Folder of the built renderer (`dist/renderer`). */
  staticDir: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Per-launch secret the page must present; random when absent. */
  token?: string;
  /** Per-connection back-pressure limits (default: see backpressure.ts). */
  limits?: BackpressureLimits;
}

export interface RunningServer {
  /** The page's URL, token included: `http://127.0.0.1:<port>/?token=<token>`. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Back-pressure state of each open WebSocket connection. */
  connections(): ConnectionStats[];
  close(): Promise<void>;
}

const HOSTNAME = '127.0.0.1';

/** A fresh 256-bit token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  let port = opts.port;
  const origins = () => [`http://${HOSTNAME}:${port}`, `http://localhost:${port}`];
  const hosts = () => [`${HOSTNAME}:${port}`, `localhost:${port}`];
  const sockets = createSocketServer({ host: opts.host, token, allowedOrigins: origins, limits: opts.limits });

  const server: Server = createServer((req, res) => {
    if (!hosts().includes(req.headers.host ?? '')) return plain(res, 421, 'misdirected request');
    serveStatic(opts.staticDir, req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!hosts().includes(req.headers.host ?? '')) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.upgrade(req, socket, head);
  });
  server.on('clientError', answerClientError);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOSTNAME, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOSTNAME}:${port}/?token=${token}`,
    port,
    token,
    connections: () => sockets.stats(),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
