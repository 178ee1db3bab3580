/**
 * The renderer's one way to the engine: the same client (src/pure/api/connection.ts over rpc-client.ts) over
 * either transport. Under Electron the preload hands the page the engine's MessagePort (engine-link.ts); in
 * serve mode it is a WebSocket to `/api`, authenticated by the token in the page's URL. Nothing else in the
 * renderer knows which transport is in use.
 */
import type { ExplorerApi, Unsubscribe } from '../src/pure/api/api.js';
import { createConnection, type Connection, type LinkStatus } from '../src/pure/api/connection.js';
import { parseEngineLinkNote } from '../src/pure/api/engine-link.js';
import { decodeFrame, encodeFrame, parseEnvelope, type Message } from '../src/pure/api/wire.js';

export type { ExplorerApi, LinkStatus };

export interface ApiConnection {
  readonly api: ExplorerApi;
  readonly transport: 'electron' | 'websocket';
  /** Calls `listener` now and on every change of the link's state (with the reason of a drop). */
  onStatus(listener: (status: LinkStatus, reason?: string) => void): Unsubscribe;
}

/** Longest wait between reconnection attempts, in ms. */
const MAX_BACKOFF_MS = 5_000;
/** A serve-mode page stops retrying after this many failed attempts in a row (about a minute). */
const MAX_ATTEMPTS = 15;

/** Connects over the engine port the preload hands over (`electron`), else over a WebSocket to this server. */
export function connectApi(electron: boolean): ApiConnection {
  if (electron) return connectPort(window, window);
  const url = new URL('/api', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ token: new URLSearchParams(location.search).get('token') ?? '' }).toString();
  return connectWebSocket(url.href);
}

const view = (connection: Connection, transport: ApiConnection['transport']): ApiConnection => ({
  api: connection.api,
  transport,
  onStatus: (listener) => connection.onStatus(listener),
});

/** What `connectPort` needs of a window: its message events. */
export interface PortSource {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * Electron: the preload posts each engine port (and each engine death) to `target`; only messages posted by
 * `self` (the page's own window, where the preload posts) are read.
 */
export function connectPort(target: PortSource, self: unknown): ApiConnection {
  const connection = createConnection();
  let port: MessagePort | null = null;
  target.addEventListener('message', (event) => {
    if (event.source !== self) return;
    const note = parseEngineLinkNote(event.data);
    if (!note) return;
    if (note.kind === 'down') {
      port?.close();
      port = null;
      if (note.final) connection.giveUp(note.reason);
      else connection.down('restarting', note.reason);
      return;
    }
    const next = event.ports[0];
    if (!next) return;
    if (port) {
      // A new port while the old one is attached means the engine restarted without a `down` note.
      port.close();
      connection.down('restarting', note.restartReason ?? 'the engine restarted');
    }
    port = next;
    const current = next;
    current.onmessage = (e: MessageEvent) => {
      if (port !== current) return;
      let message: Message;
      try {
        message = parseEnvelope(e.data);
      } catch (err) {
        return console.error('latent-explorer: unreadable message from the engine', err);
      }
      connection.receive(message);
    };
    // Structured clone copies each typed array once, from the engine's process into this page.
    connection.up((message) => current.postMessage(message), note.restartReason);
  });
  return view(connection, 'electron');
}

/** The WebSocket constructor `connectWebSocket` uses (tests pass a fake). */
export type SocketFactory = (url: string) => WebSocket;

/** Serve mode: a WebSocket that reconnects with back-off, and gives up after `MAX_ATTEMPTS` failures in a row. */
export function connectWebSocket(url: string, open: SocketFactory = (u) => new WebSocket(u), schedule = setTimeout): ApiConnection {
  const connection = createConnection();
  let backoff = 250;
  let failures = 0;

  const attempt = () => {
    const socket = open(url);
    socket.binaryType = 'arraybuffer';
    let opened = false;
    socket.onopen = () => {
      opened = true;
      backoff = 250;
      failures = 0;
      connection.up((message) => socket.send(encodeFrame(message)));
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      let message: Message;
      try {
        message = decodeFrame(event.data);
      } catch (err) {
        return console.error('latent-explorer: unreadable frame from the engine', err);
      }
      connection.receive(message);
    };
    socket.onclose = (event: CloseEvent) => {
      failures = opened ? 1 : failures + 1;
      const reason = event.reason || `code ${event.code}`;
      if (failures >= MAX_ATTEMPTS) {
        connection.giveUp(`the engine could not be reached after ${failures} attempts (${reason}); reload the page once it runs again`);
        return;
      }
      connection.down('lost', reason);
      schedule(attempt, backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    };
  };
  attempt();
  return view(connection, 'websocket');
}
