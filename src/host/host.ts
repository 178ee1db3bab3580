/**
 * The engine host: the one place requests enter the engine, whatever the transport. It validates every
 * request with `requestSchemas`, calls the engine's handler, and turns every failure into an `ApiErrorBody`
 * value, so a bad request can never crash the process or leave a transport without an answer.
 */
import {
  ApiError,
  requestSchemas,
  type ApiErrorBody,
  type EventMap,
  type EventName,
  type RequestName,
  type RequestOf,
  type ResponseMap,
  type Unsubscribe,
} from '../pure/api/api.js';
import type { AnyEventListener, EventHub } from './events.js';
import { withLeases } from './model-lease.js';
import { withRequestSignal } from './request-context.js';
import { errorMessage } from '../pure/errors.js';

/** One handler per request: a missing one is a compile error. Arguments arrive validated. */
export type Handlers = { [K in RequestName]: (arg: RequestOf<K>) => Promise<ResponseMap[K]> | ResponseMap[K] };

/** What the host drives: the real engine session, or a fake one in tests. */
export interface Engine {
  readonly handlers: Handlers;
  readonly events: EventHub;
}

export type HostResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

export interface Host {
  /**
   * Validates and runs one request. Never rejects. `signal` aborts it when its requester leaves (heavy handlers
   * stop at their next yield point).
   */
  handle(method: string, arg: unknown, signal?: AbortSignal): Promise<HostResult>;
  on<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): Unsubscribe;
  onAny(listener: AnyEventListener): Unsubscribe;
}

/** Longest error message sent back: zod issues over a huge array must not make a huge response. */
const MAX_MESSAGE = 600;

export function createHost(engine: Engine): Host {
  return {
    async handle(method, arg, signal) {
      if (typeof method !== 'string' || !Object.hasOwn(requestSchemas, method)) {
        return fail('unknown-method', `unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
      }
      const name = method as RequestName;
      const parsed = requestSchemas[name].safeParse(arg);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : 'argument'}: ${i.message}`);
        return fail('bad-request', `${name}: ${issues.join('; ')}`);
      }
      try {
        const handler = engine.handlers[name] as (a: unknown) => Promise<unknown> | unknown;
        // Models a request takes stay alive until it ends (see model-lease.ts).
        return { ok: true, value: await withRequestSignal(signal, () => withLeases(() => handler(parsed.data))) };
      } catch (err) {
        if (err instanceof ApiError) return fail(err.code, err.message);
        console.error(`latent-explorer: ${name} failed:`, err);
        return fail('internal', `${name} failed: ${errorMessage(err)}`);
      }
    },
    on: (name, listener) => engine.events.on(name, listener),
    onAny: (listener) => engine.events.onAny(listener),
  };
}

function fail(code: ApiErrorBody['code'], message: string): HostResult {
  return { ok: false, error: { code, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message } };
}
