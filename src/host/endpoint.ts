/**
 * Connects the host to one client over any message link (a WebSocket, an Electron MessagePort): requests in,
 * responses and events out. Transports only adapt bytes or ports to `Message`s.
 * Every request gets an answer: a value neither transport can carry as it is (see `findUnsendable`), or a
 * send that throws (a port's structured clone), becomes an `internal` error for that id, never a silent drop.
 */
import { findUnsendable, type Message, type ResponseMessage } from '../pure/api/wire.js';
import type { Host } from './host.js';
import { errorMessage } from '../pure/errors.js';

export interface Endpoint {
  /** Feeds one message from the client. */
  receive(message: Message): void;
  /** Stops forwarding events; answers still in flight are dropped. */
  close(): void;
}

export function connectEndpoint(host: Host, send: (message: Message) => void): Endpoint {
  let open = true;
  const trySend = (message: Message): unknown => {
    try {
      send(message);
      return null;
    } catch (err) {
      return err ?? new Error('send failed');
    }
  };
  const failure = (id: number, method: string, why: string): ResponseMessage => ({
    kind: 'response',
    id,
    ok: false,
    error: { code: 'internal', message: `the engine's answer to ${method} could not be sent: ${why}` },
  });
  const answer = (response: ResponseMessage, method: string) => {
    if (!open) return;
    const unsendable = response.ok ? findUnsendable(response.value) : null;
    if (unsendable) {
      console.error(`latent-explorer: ${method} answered with ${unsendable}, which no transport carries`);
      return void trySend(failure(response.id, method, `${unsendable} cannot be copied`));
    }
    const err = trySend(response);
    if (err === null) return;
    console.error(`latent-explorer: could not send the answer to ${method}:`, err);
    if (response.ok && trySend(failure(response.id, method, errorMessage(err))) !== null) {
      console.error(`latent-explorer: could not send the error for ${method} either`);
    }
  };
  const unsubscribe = host.onAny((name, payload) => {
    if (!open) return;
    const unsendable = findUnsendable(payload, 'payload');
    const err = unsendable ? `${unsendable} cannot be copied` : trySend({ kind: 'event', name, payload });
    if (err !== null) console.error(`latent-explorer: could not send event ${name} to a client:`, err);
  });
  // Aborted when the client leaves: its requests' heavy work stops (see request-context.ts).
  const gone = new AbortController();
  return {
    receive(message) {
      if (message.kind !== 'request') {
        const id = message.kind === 'response' ? message.id : 0;
        answer(
          { kind: 'response', id, ok: false, error: { code: 'bad-request', message: `clients send requests, not ${message.kind}s` } },
          message.kind,
        );
        return;
      }
      void host
        .handle(message.method, message.arg, gone.signal)
        .then((result) => answer({ kind: 'response', id: message.id, ...result }, message.method));
    },
    close() {
      open = false;
      gone.abort();
      unsubscribe();
    },
  };
}
