/** fast-check arbitraries shared by the property tests: mutations of valid bytes, JSON and values. */
import fc from 'fast-check';

/**
 * A mutation of `base()` (read lazily, after beforeAll): bit flips, overwritten bytes, a cut, an extension, a
 * spliced run of random bytes; mostly small, sometimes several at once.
 */
export function mutatedBytes(base: () => Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    // Headers live in the first bytes: aim there often.
    fc.record({ kind: fc.constant('set' as const), at: fc.integer({ min: 0, max: 24 }), value: fc.constantFrom(0, 1, 0x7f, 0x80, 0xff) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('grow' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 32 }) }),
    fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let out: Uint8Array = new Uint8Array(base());
    for (const e of edits) {
      const at = out.length ? ('at' in e ? e.at % out.length : 0) : 0;
      if (e.kind === 'flip' && out.length) out[at] ^= 1 << e.bit;
      else if (e.kind === 'set' && out.length) out[at] = e.value;
      else if (e.kind === 'cut') out = out.slice(0, at);
      else if (e.kind === 'grow') out = concat(out, e.extra);
      else if (e.kind === 'splice' && out.length) out.set(e.bytes.subarray(0, out.length - at), at);
    }
    return out;
  });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Values that break naive code: non-finite and huge numbers, wrong types, typed arrays of every kind. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    -0,
    1e308,
    2 ** 53,
    1.5,
    '',
    '..',
    '../../etc/passwd',
    '/etc/passwd',
    'C:\\Windows',
    null,
    undefined,
    true,
    [],
    {},
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    new Float32Array([NaN, 1]),
    new Float32Array(3),
    new Float64Array(2),
    new Uint8Array(784),
    new Uint8Array(5),
    new Uint32Array([4294967295]),
    new Int32Array([-1]),
  ),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
);

/** A mutation of a valid plain object: a key dropped, a value replaced by a hostile one, an unknown key added. */
export function mutatedObject(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...(keys.length ? keys : ['x'])) }),
    fc.record({ kind: fc.constant('replace' as const), key: fc.constantFrom(...(keys.length ? keys : ['x'])), value: hostileValue }),
    fc.record({
      kind: fc.constant('add' as const),
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'path', 'dir')),
      value: hostileValue,
    }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const out: Record<string, unknown> = { ...base };
    for (const e of edits) {
      if (e.kind === 'drop') delete out[e.key];
      else Object.defineProperty(out, e.key, { value: e.value, enumerable: true, configurable: true, writable: true });
    }
    return out;
  });
}
