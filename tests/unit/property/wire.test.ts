/**
 * Property-based: the WebSocket frame codec. Random messages (typed arrays of every kind anywhere) survive
 * encode/decode exactly; random and mutated frames decode to a message envelope or throw WireError, nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireError, decodeFrame, encodeFrame, type Message } from '../../../src/pure/api/wire.js';
import { mutatedBytes } from './mutate.js';

const typedArray = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.int32Array({ maxLength: 10 }),
  fc.uint32Array({ maxLength: 10 }),
  fc.float32Array({ maxLength: 10, noDefaultInfinity: false }),
  fc.float64Array({ maxLength: 6 }),
  fc.int16Array({ maxLength: 6 }),
);
// JSON-safe values (no NaN, no -0, no undefined inside arrays) plus typed arrays at any depth.
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 10 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    typedArray,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'),
      tie('node'),
      { maxKeys: 4 },
    ),
  ),
})).node;

const message: fc.Arbitrary<Message> = fc.oneof(
  fc.record({
    kind: fc.constant('request' as const),
    id: fc.integer({ min: 1, max: 2 ** 31 }),
    method: fc.string({ maxLength: 12 }),
    arg: value,
  }),
  fc.record({ kind: fc.constant('response' as const), id: fc.nat(), ok: fc.constant(true as const), value }),
  fc.record({ kind: fc.constant('event' as const), name: fc.string({ maxLength: 12 }), payload: value }),
);

/** Typed arrays compared by kind and bytes (NaN payloads included), everything else structurally. */
function same(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object') return false;
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b) || (a === 0 && b === 0);
}

function decodesOrWireError(frame: Uint8Array): void {
  try {
    const m = decodeFrame(frame);
    expect(['request', 'response', 'event']).toContain(m.kind);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
  }
}

describe('wire codec under random input', () => {
  it('decodeFrame(encodeFrame(m)) gives back m for random messages with typed arrays anywhere', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(same(decodeFrame(encodeFrame(m)), m)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('decodeFrame(random bytes) returns a message or throws WireError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), decodesOrWireError), { numRuns: 400 });
  });

  it('decodeFrame(mutated valid frames) returns a message or throws WireError', () => {
    let base = new Uint8Array();
    fc.assert(
      fc.property(
        message.chain((m) => {
          base = encodeFrame(m);
          const frame = base;
          return mutatedBytes(() => frame);
        }),
        decodesOrWireError,
      ),
      { numRuns: 400 },
    );
  });

  it('decodeFrame(hand-made frames with hostile headers) returns a message or throws WireError', () => {
    const header = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          buffers: fc.array(fc.tuple(fc.oneof(fc.nat(), fc.integer(), fc.double()), fc.oneof(fc.nat(), fc.integer())), { maxLength: 3 }),
          body: fc.json({ maxDepth: 3 }),
        })
        .map((h) => JSON.stringify(h)),
      fc
        .record({
          buffers: fc.constant([[0, 4]]),
          body: fc.constantFrom(
            '{"kind":"request","id":1,"method":"decode","arg":{"$ta":"Float32Array","i":0}}',
            '{"kind":"request","id":1,"method":"x","arg":{"$ta":"Float64Array","i":0}}',
            '{"kind":"request","id":1,"method":"x","arg":{"$ta":"Buffer","i":0}}',
            '{"kind":"request","id":1,"method":"x","arg":{"$ta":"Uint8Array","i":7}}',
            '{"kind":"event","name":"x","payload":{"__proto__":{"$ta":"Uint8Array","i":0}}}',
          ),
        })
        .map((h) => JSON.stringify(h)),
    );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 16 }), (text, data) => {
        const head = new TextEncoder().encode(text);
        const start = (8 + head.length + 7) & ~7;
        const frame = new Uint8Array(start + data.length);
        const view = new DataView(frame.buffer);
        view.setUint32(0, 0x3158454c, true);
        view.setUint32(4, head.length, true);
        frame.set(head, 8);
        frame.set(data, start);
        decodesOrWireError(frame);
      }),
      { numRuns: 400 },
    );
  });
});
