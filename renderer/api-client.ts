/**
 * The renderer's one way to the engine. Under Electron the preload has put the API on `window.explorer`;
 * in serve mode it is built here over a WebSocket to `/api`, authenticated by the token in the page's URL.
 * Both give the same `ExplorerApi`; nothing else in the renderer knows which transport is in use.
 */
import type { ExplorerApi, Unsubscribe } from '../src/pure/api/api.js';
import { createApiClient, fromBridgeError, mapRequestErrors } from '../src/pure/api/rpc-client.js';
import { decodeFrame, encodeFrame } from '../src/pure/api/wire.js';

export type { ExplorerApi };

export type ConnectionStatus = 'connecting' | 'ready' | 'lost';

export interface ApiConnection {
  readonly api: ExplorerApi;
  readonly transport: 'electron' | 'websocket';
  /** Calls `listener` now and on every change of the link's state. */
  onStatus(listener: (status: ConnectionStatus) => void): Unsubscribe;
}

/** Longest wait between reconnection attempts, in ms. */
const MAX_BACKOFF_MS = 5_000;

export function connectApi(): ApiConnection {
  if (window.explorer) {
    const api = mapRequestErrors(window.explorer, fromBridgeError);
    return { api, transport: 'electron', onStatus: (listener) => (listener('ready'), () => {}) };
  }
  const url = new URL('/api', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ token: new URLSearchParams(location.search).get('token') ?? '' }).toString();
  return connectWebSocket(url.href);
}

function connectWebSocket(url: string): ApiConnection {
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  const setStatus = (next: ConnectionStatus) => {
    status = next;
    for (const listener of statusListeners) listener(next);
  };
  let socket: WebSocket;
  let queue: Uint8Array<ArrayBuffer>[] = [];
  let backoff = 250;
  let everOpened = false;

  const client = createApiClient((message) => {
    const frame = encodeFrame(message);
    if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    else queue.push(frame);
  });

  const open = () => {
    socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      backoff = 250;
      for (const frame of queue) socket.send(frame);
      queue = [];
      if (everOpened) client.emitLocal('engineRestart', { reason: 'reconnected' });
      everOpened = true;
      setStatus('ready');
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      try {
        client.receive(decodeFrame(event.data));
      } catch (err) {
        console.error('latent-explorer: unreadable frame from the engine', err);
      }
    };
    socket.onclose = () => {
      client.failPending('the connection to the engine was lost');
      if (status !== 'lost') setStatus('lost');
      setTimeout(open, backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    };
  };
  open();

  return {
    api: client.api,
    transport: 'websocket',
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => void statusListeners.delete(listener);
    },
  };
}
