/**
 * The endpoint answers every request, whatever the transport: a value structured clone cannot copy (the
 * Electron port path) or that a JSON frame would silently mangle (serve mode) becomes an error for that id.
 */
import { describe, expect, it, vi } from 'vitest';
import { connectEndpoint } from '../../../src/host/endpoint.js';
import type { Host, HostResult } from '../../../src/host/host.js';
import { decodeFrame, encodeFrame, findUnsendable, type Message } from '../../../src/pure/api/wire.js';

/** A host whose every request answers `value`, and whose events are sent by `emit`. */
function fakeHost(value: unknown) {
  let any: ((name: string, payload: unknown) => void) | null = null;
  const host = {
    handle: async (): Promise<HostResult> => ({ ok: true, value }),
    on: () => () => {},
    onAny: (listener: (name: string, payload: unknown) => void) => ((any = listener), () => (any = null)),
  } as unknown as Host;
  return { host, emit: (name: string, payload: unknown) => any?.(name, payload) };
}

const request = (id: number): Message => ({ kind: 'request', id, method: 'listRuns' });

/** Over a real port pair (structured clone, as Electron's ports): the answers the far end receives. */
async function overPort(value: unknown): Promise<Message[]> {
  const { port1, port2 } = new MessageChannel();
  const got: Message[] = [];
  port1.onmessage = (e: MessageEvent<Message>) => got.push(e.data);
  const endpoint = connectEndpoint(fakeHost(value).host, (m) => port2.postMessage(m));
  endpoint.receive(request(7));
  for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  port1.close();
  return got;
}

/** Over serve mode's binary frames: the answers as the page decodes them. */
async function overFrames(value: unknown): Promise<Message[]> {
  const got: Message[] = [];
  const endpoint = connectEndpoint(fakeHost(value).host, (m) => got.push(decodeFrame(encodeFrame(m))));
  endpoint.receive(request(7));
  await new Promise((r) => setTimeout(r));
  return got;
}

describe('connectEndpoint with values a transport cannot carry', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});

  it('answers an error for the id when structured clone would throw (a function in the value)', async () => {
    const value = { runs: [{ id: 'a', score: () => 1 }] };
    expect(() => structuredClone(value)).toThrow();
    const got = await overPort(value);
    expect(got).toEqual([
      {
        kind: 'response',
        id: 7,
        ok: false,
        error: {
          code: 'internal',
          message: expect.stringMatching(/answer to listRuns could not be sent: value\.runs\[0\]\.score \(a function\)/),
        },
      },
    ]);
  });

  it('answers an error in serve mode instead of sending a Map as {} or dropping a function', async () => {
    expect(JSON.parse(JSON.stringify({ m: new Map([[1, 2]]) }))).toEqual({ m: {} });
    const [map] = await overFrames({ m: new Map([[1, 2]]) });
    expect(map).toMatchObject({ id: 7, ok: false, error: { code: 'internal', message: expect.stringMatching(/value\.m \(a Map\)/) } });
    const [fn] = await overFrames([1, () => 2]);
    expect(fn).toMatchObject({ id: 7, ok: false, error: { message: expect.stringMatching(/value\[1\] \(a function\)/) } });
  });

  it('still sends plain values and typed arrays unchanged over both paths', async () => {
    const value = { images: Uint8Array.of(1, 2, 3), names: ['a'], n: 2, none: null };
    for (const got of [await overPort(value), await overFrames(value)]) {
      expect(got).toEqual([{ kind: 'response', id: 7, ok: true, value }]);
    }
  });

  it('answers an error for the id when the transport itself throws on the answer', async () => {
    const got: Message[] = [];
    let first = true;
    const endpoint = connectEndpoint(fakeHost({ fine: true }).host, (m) => {
      if (first) {
        first = false;
        throw new Error('DataCloneError: could not be cloned');
      }
      got.push(m);
    });
    endpoint.receive(request(3));
    await new Promise((r) => setTimeout(r));
    expect(got).toEqual([
      { kind: 'response', id: 3, ok: false, error: { code: 'internal', message: expect.stringMatching(/could not be cloned/) } },
    ]);
  });

  it('drops an event it cannot send (no id to answer) and keeps serving', async () => {
    const sent: Message[] = [];
    const { host, emit } = fakeHost(1);
    connectEndpoint(host, (m) => sent.push(m));
    emit('trainEnd', { when: new Date(0) });
    emit('trainEnd', { ok: true });
    expect(sent).toEqual([{ kind: 'event', name: 'trainEnd', payload: { ok: true } }]);
  });
});

describe('findUnsendable', () => {
  it('names the path of the first value neither transport carries as it is, and passes shared and plain ones', () => {
    const shared = { a: 1 };
    expect(findUnsendable({ x: [shared, shared], t: new Float32Array(2), u: undefined, s: 's', b: false })).toBeNull();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(findUnsendable(cyclic)).toBe('value.self (a cycle)');
    expect(findUnsendable({ n: 1n })).toBe('value.n (a bigint)');
    expect(findUnsendable([new Error('x')])).toBe('value[0] (a Error)');
    expect(findUnsendable(Symbol('s'))).toBe('value (a symbol)');
  });
});
