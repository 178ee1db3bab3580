/**
 * The client half of the API: builds an `ExplorerApi` over any message link by looping over `REQUEST_NAMES`
 * and `EVENT_NAMES`, so no transport keeps its own list of methods. The page builds it (in `connection.ts`)
 * over the engine's MessagePort under Electron and over a WebSocket in serve mode; tests build it over ports.
 * Pure module: no Node, no DOM.
 */
import { ApiError, EVENT_NAMES, REQUEST_NAMES, listenerName, type EventMap, type EventName, type ExplorerApi } from './api.js';
import type { Message } from './wire.js';
import { errorMessage } from '../errors.js';

export interface ApiClient {
  readonly api: ExplorerApi;
  /** Feeds one message from the engine. */
  receive(message: Message): void;
  /** Rejects every pending request, e.g. when the link dropped. */
  failPending(reason: string): void;
  /** Delivers an event made on this side of the link (e.g. `engineRestart`). */
  emitLocal<E extends EventName>(name: E, payload: EventMap[E]): void;
  /** Number of requests awaiting an answer. */
  readonly pending: number;
}

type Pending = { resolve: (value: unknown) => void; reject: (err: unknown) => void };

export function createApiClient(send: (message: Message) => void): ApiClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>(EVENT_NAMES.map((n) => [n, new Set()]));

  const call = (method: string, arg: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        send({ kind: 'request', id, method, arg });
      } catch (err) {
        pending.delete(id);
        reject(new ApiError('internal', `could not send ${method}: ${errorMessage(err)}`));
      }
    });

  const dispatch = (name: string, payload: unknown) => {
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`latent-explorer: ${name} listener failed:`, err);
      }
    }
  };

  const api: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) api[name] = (arg?: unknown) => call(name, arg);
  for (const name of EVENT_NAMES) {
    api[listenerName(name)] = (listener: (payload: unknown) => void) => {
      listeners.get(name)!.add(listener);
      return () => void listeners.get(name)!.delete(listener);
    };
  }

  return {
    api: api as ExplorerApi,
    receive(message) {
      if (message.kind === 'event') return dispatch(message.name, message.payload);
      if (message.kind !== 'response') return;
      const entry = pending.get(message.id);
      if (!entry) {
        if (!message.ok) console.error(`latent-explorer: engine error: ${message.error.message}`);
        return;
      }
      pending.delete(message.id);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(new ApiError(message.error.code, message.error.message));
    },
    failPending(reason) {
      for (const entry of pending.values()) entry.reject(new ApiError('internal', reason));
      pending.clear();
    },
    emitLocal: (name, payload) => dispatch(name, payload),
    get pending() {
      return pending.size;
    },
  };
}
