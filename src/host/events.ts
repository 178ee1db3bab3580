/** A tiny typed event hub over `EVENT_NAMES`: the engine emits, every connected transport listens. */
import type { EventMap, EventName, Unsubscribe } from '../pure/api/api.js';

export type AnyEventListener = <E extends EventName>(name: E, payload: EventMap[E]) => void;

export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventMap[E]): void;
  on<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): Unsubscribe;
  /** Every event, by name: what a transport forwards. */
  onAny(listener: AnyEventListener): Unsubscribe;
}

export function createEventHub(): EventHub {
  const listeners = new Set<AnyEventListener>();
  const report = (err: unknown) => console.error('latent-explorer: event listener failed:', err);
  return {
    emit(name, payload) {
      // A throwing listener (say, a closed socket) must not stop the others or the emitter.
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch (err) {
          report(err);
        }
      }
    },
    on(name, listener) {
      const wrapped: AnyEventListener = (n, payload) => {
        if ((n as EventName) === name) listener(payload as unknown as EventMap[typeof name]);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
