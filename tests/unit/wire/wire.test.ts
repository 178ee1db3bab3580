import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { WireError, decodeFrame, encodeFrame, type Message } from '../../../src/pure/api/wire.js';

describe('wire frames', () => {
  it('encodeFrame/decodeFrame round-trips a response holding real MNIST images and labels', async () => {
    const mnist = await loadMnist();
    // The dataset's arrays are Node Buffers; they travel as their Uint8Array base.
    const images = mnist.test.images.subarray(0, 5 * 784);
    const labels = mnist.test.labels.subarray(0, 5);
    const message: Message = {
      kind: 'response',
      id: 7,
      ok: true,
      value: { images, labels, n: 5, nested: [{ xs: new Float32Array([0.5, -1.25]) }] },
    };
    const decoded = decodeFrame(encodeFrame(message));
    const value = (decoded as { value: { images: Uint8Array; labels: Uint8Array; n: number; nested: { xs: Float32Array }[] } }).value;
    expect(value.images).toEqual(new Uint8Array(images));
    expect(Array.from(value.labels)).toEqual(Array.from(labels));
    expect(value.n).toBe(5);
    expect(value.nested[0].xs).toEqual(new Float32Array([0.5, -1.25]));
    expect(value.nested[0].xs).toBeInstanceOf(Float32Array);
  });

  it('encodeFrame stores typed arrays as raw bytes, not JSON numbers', () => {
    const xs = new Float32Array(10_000).map((_, i) => i / 3);
    const frame = encodeFrame({ kind: 'event', name: 'embeddingUpdate', payload: { xs } });
    expect(frame.byteLength).toBeLessThan(xs.byteLength + 200);
  });

  it('decodeFrame keeps every typed array kind and an unaligned source view', () => {
    const payload = {
      u32: new Uint32Array([1, 2, 4_000_000_000]),
      i16: new Int16Array([-3, 3]),
      f64: new Float64Array([Math.PI]),
      u8: new Uint8Array([1, 2, 3]),
      empty: new Float32Array(0),
      slice: new Float32Array([9, 8, 7, 6]).subarray(1, 3),
    };
    const frame = encodeFrame({ kind: 'event', name: 'x', payload });
    const shifted = new Uint8Array(frame.length + 1);
    shifted.set(frame, 1);
    const decoded = decodeFrame(shifted.subarray(1)) as { payload: typeof payload };
    expect(decoded.payload.u32).toEqual(payload.u32);
    expect(decoded.payload.f64[0]).toBe(Math.PI);
    expect(Array.from(decoded.payload.slice)).toEqual([8, 7]);
    expect(decoded.payload.empty).toBeInstanceOf(Float32Array);
  });

  it('a NaN inside a Float32Array survives the trip, so the schemas can refuse it', () => {
    const decoded = decodeFrame(encodeFrame({ kind: 'request', id: 1, method: 'decode', arg: { points: new Float32Array([NaN, 1]) } }));
    expect(Number.isNaN((decoded as { arg: { points: Float32Array } }).arg.points[0])).toBe(true);
  });

  it('decodeFrame throws WireError for truncated, mislabelled and hostile frames', () => {
    const good = encodeFrame({ kind: 'request', id: 1, method: 'decode', arg: { points: new Float32Array([1, 2]) } });
    const bad: Uint8Array[] = [
      new Uint8Array(0),
      new Uint8Array([1, 2, 3]),
      good.subarray(0, good.length - 4),
      new TextEncoder().encode('{"kind":"request","id":1,"method":"info"}'),
    ];
    const corrupt = good.slice();
    new DataView(corrupt.buffer).setUint32(4, 1_000_000, true);
    bad.push(corrupt);
    const hostileHeader = (body: unknown, buffers: unknown = []) => {
      const header = new TextEncoder().encode(JSON.stringify({ buffers, body: JSON.stringify(body) }));
      const frame = new Uint8Array(8 + header.length + 8);
      new DataView(frame.buffer).setUint32(0, 0x3158454c, true);
      new DataView(frame.buffer).setUint32(4, header.length, true);
      frame.set(header, 8);
      return frame;
    };
    bad.push(hostileHeader({ kind: 'request', id: 1, method: 'x', arg: { $ta: 'Float32Array', i: 3 } }));
    bad.push(hostileHeader({ kind: 'request', id: 1, method: 'x', arg: { $ta: 'Function', i: 0 } }, [[0, 4]]));
    bad.push(hostileHeader({ kind: 'request', id: 1, method: 'x', arg: { $ta: 'Float32Array', i: 0 } }, [[0, 3]]));
    bad.push(hostileHeader({ kind: 'request', id: 1, method: 'x' }, [[0, 1e9]]));
    bad.push(hostileHeader({ kind: 'gossip' }));
    bad.push(hostileHeader({ kind: 'request', id: -1, method: 'info' }));
    bad.push(hostileHeader(null));
    for (const frame of bad) expect(() => decodeFrame(frame)).toThrow(WireError);
  });
});
