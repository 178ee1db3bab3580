/**
 * Connects the host to one client over any message link (a WebSocket, an Electron MessagePort): requests in,
 * responses and events out. Transports only adapt bytes or ports to `Message`s.
 */
import type { Message } from '../pure/api/wire.js';
import type { Host } from './host.js';

export interface Endpoint {
  /** Feeds one message from the client. */
  receive(message: Message): void;
  /** Stops forwarding events; answers still in flight are dropped. */
  close(): void;
}

export function connectEndpoint(host: Host, send: (message: Message) => void): Endpoint {
  let open = true;
  const deliver = (message: Message) => {
    if (!open) return;
    try {
      send(message);
    } catch (err) {
      console.error('latent-explorer: could not send to a client:', err);
    }
  };
  const unsubscribe = host.onAny((name, payload) => deliver({ kind: 'event', name, payload }));
  // Aborted when the client leaves: its requests' heavy work stops (see request-context.ts).
  const gone = new AbortController();
  return {
    receive(message) {
      if (message.kind !== 'request') {
        const id = message.kind === 'response' ? message.id : 0;
        deliver({
          kind: 'response',
          id,
          ok: false,
          error: { code: 'bad-request', message: `clients send requests, not ${message.kind}s` },
        });
        return;
      }
      void host.handle(message.method, message.arg, gone.signal).then((result) => deliver({ kind: 'response', id: message.id, ...result }));
    },
    close() {
      open = false;
      gone.abort();
      unsubscribe();
    },
  };
}
