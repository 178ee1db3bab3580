/**
 * A fake engine link for page-state tests: the page's real client (src/pure/api/connection.ts) over a
 * transport that answers from a table of handlers, plus a way to push engine events and drop the link.
 */
import { ApiError, type EventMap, type EventName, type ExplorerApi, type RequestName } from '../../../../src/pure/api/api.js';
import { createConnection, type LinkStatus } from '../../../../src/pure/api/connection.js';
import type { Message } from '../../../../src/pure/api/wire.js';

export type FakeHandlers = Partial<Record<RequestName, (arg: unknown) => unknown>>;

export interface FakeLink {
  readonly api: ExplorerApi;
  readonly transport: 'websocket';
  onStatus(listener: (status: LinkStatus, reason?: string) => void): () => void;
  /** Requests the fake engine received, by method. */
  readonly calls: { method: string; arg: unknown }[];
  up(): void;
  emit<E extends EventName>(name: E, payload: EventMap[E]): void;
  down(status: 'lost' | 'restarting', reason: string): void;
  giveUp(reason: string): void;
}

export function fakeLink(handlers: FakeHandlers): FakeLink {
  const connection = createConnection();
  const calls: { method: string; arg: unknown }[] = [];
  const answer = async (message: Message) => {
    if (message.kind !== 'request') return;
    calls.push({ method: message.method, arg: message.arg });
    const handler = handlers[message.method as RequestName];
    try {
      if (!handler) throw new ApiError('unknown-method', `the fake has no ${message.method}`);
      connection.receive({ kind: 'response', id: message.id, ok: true, value: await handler(message.arg) });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('internal', String(err));
      connection.receive({ kind: 'response', id: message.id, ok: false, error: { code: e.code, message: e.message } });
    }
  };
  return {
    api: connection.api,
    transport: 'websocket',
    onStatus: (listener) => connection.onStatus(listener),
    calls,
    up: () => connection.up((m) => void Promise.resolve().then(() => answer(m))),
    emit: (name, payload) => connection.receive({ kind: 'event', name, payload }),
    down: (status, reason) => connection.down(status, reason),
    giveUp: (reason) => connection.giveUp(reason),
  };
}

/** Lets queued answers and Svelte's effects run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
