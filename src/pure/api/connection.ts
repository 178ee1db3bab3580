/**
 * The page's link to the engine, whatever carries it: one `ApiClient` (rpc-client.ts) plus the link's status.
 * A transport (a MessagePort under Electron, a WebSocket in serve mode) only reports what happened to it:
 * `up` with a send function, `down` when the far end went away (the transport retries or the engine
 * restarts), `giveUp` when it never comes back. Both transports therefore queue, fail and restart alike.
 * Pure module: no Node, no DOM.
 */
import type { ExplorerApi, Unsubscribe } from './api.js';
import { createApiClient } from './rpc-client.js';
import type { Message } from './wire.js';

/**
 * `connecting` before the first link; `ready` while linked; `lost` when a WebSocket dropped (reconnecting);
 * `restarting` when the engine process died and is being started again; `gave-up` when it will not come back.
 */
export type LinkStatus = 'connecting' | 'ready' | 'lost' | 'restarting' | 'gave-up';

export interface Connection {
  readonly api: ExplorerApi;
  readonly status: LinkStatus;
  /** Calls `listener` now and on every change of status; the second argument is the reason of a drop. */
  onStatus(listener: (status: LinkStatus, reason?: string) => void): Unsubscribe;
  /** Transport side: messages flow over `send` from now on; requests queued meanwhile go out first. */
  up(send: (message: Message) => void, restartReason?: string): void;
  /** Transport side: one message from the engine. */
  receive(message: Message): void;
  /** Transport side: the link dropped. Requests in flight fail; new ones wait for the next `up`. */
  down(status: 'lost' | 'restarting', reason: string): void;
  /** Transport side: the engine will not come back. Everything pending fails and so does every later request. */
  giveUp(reason: string): void;
}

export function createConnection(): Connection {
  let status: LinkStatus = 'connecting';
  let link: ((message: Message) => void) | null = null;
  let finalReason: string | null = null;
  let everUp = false;
  const outbox: Message[] = [];
  const listeners = new Set<(status: LinkStatus, reason?: string) => void>();

  const client = createApiClient((message) => {
    if (finalReason !== null) throw new Error(finalReason);
    if (link) link(message);
    else outbox.push(message);
  });

  const setStatus = (next: LinkStatus, reason?: string) => {
    if (next === status) return;
    status = next;
    for (const listener of [...listeners]) listener(next, reason);
  };

  const dropAll = (reason: string) => {
    outbox.length = 0;
    client.failPending(reason);
  };

  return {
    api: client.api,
    get status() {
      return status;
    },
    onStatus(listener) {
      listeners.add(listener);
      listener(status);
      return () => void listeners.delete(listener);
    },
    up(send, restartReason) {
      if (finalReason !== null) return;
      link = send;
      // A request made while down was never sent, so it is sent now rather than failed.
      for (const message of outbox.splice(0)) send(message);
      setStatus('ready');
      if (everUp || restartReason) client.emitLocal('engineRestart', { reason: restartReason ?? 'reconnected' });
      everUp = true;
    },
    receive: (message) => client.receive(message),
    down(next, reason) {
      if (finalReason !== null) return;
      link = null;
      dropAll(next === 'lost' ? `the connection to the engine was lost (${reason})` : `the engine stopped (${reason})`);
      setStatus(next, reason);
    },
    giveUp(reason) {
      if (finalReason !== null) return;
      finalReason = `the engine stopped for good: ${reason}`;
      link = null;
      dropAll(finalReason);
      setStatus('gave-up', reason);
    },
  };
}
