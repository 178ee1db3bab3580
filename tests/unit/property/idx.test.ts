/**
 * Property-based: the IDX reader meets random and mutated buffers (real MNIST bytes, bit flips, cuts, wrong
 * headers) and either returns a shape-consistent view or throws an IdxError, never anything else.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdxError, loadIdxPair, readIdx, writeIdx } from '../../../src/data/idx.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { mutatedBytes } from './mutate.js';

let images: Uint8Array;
let labels: Uint8Array;
const dir = mkdtempSync(join(tmpdir(), 'lex-prop-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const mnist = await loadMnist();
  // Twelve real test digits: small enough to mutate hundreds of times, real enough to matter.
  images = writeIdx(mnist.test.images.subarray(0, 12 * 784), [12, 28, 28]);
  labels = writeIdx(mnist.test.labels.subarray(0, 12), [12]);
});

/** What a successful read must satisfy: rank 1..4, data exactly as long as the shape says, inside the buffer. */
function checkRead(buf: Uint8Array): void {
  try {
    const { shape, data } = readIdx(buf, 'x');
    expect(shape.length).toBeGreaterThanOrEqual(1);
    expect(shape.length).toBeLessThanOrEqual(4);
    expect(data.length).toBe(shape.reduce((a, b) => a * b, 1));
    expect(data.byteOffset - buf.byteOffset + data.length).toBeLessThanOrEqual(buf.length);
  } catch (err) {
    if (!(err instanceof IdxError)) throw err;
  }
}

describe('readIdx under random input', () => {
  it('readIdx(random bytes) returns a consistent view or throws IdxError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (buf) => checkRead(buf)),
      { numRuns: 400 },
    );
  });

  it('readIdx(random header + random body) returns a consistent view or throws IdxError', () => {
    const header = fc.tuple(
      fc.constantFrom(0, 1),
      fc.constantFrom(0, 8, 9, 13),
      fc.integer({ min: 0, max: 6 }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(0xffffffff), fc.nat()), { maxLength: 6 }),
    );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 200 }), ([zero, type, rank, dims], body) => {
        const head = new Uint8Array(4 + 4 * dims.length);
        head.set([0, zero, type, rank]);
        const view = new DataView(head.buffer);
        dims.forEach((d, i) => view.setUint32(4 + 4 * i, d >>> 0, false));
        const buf = new Uint8Array(head.length + body.length);
        buf.set(head);
        buf.set(body, head.length);
        checkRead(buf);
      }),
      { numRuns: 400 },
    );
  });

  it('readIdx(mutated real MNIST images) returns a consistent view or throws IdxError', () => {
    fc.assert(
      fc.property(
        mutatedBytes(() => images),
        (buf) => checkRead(buf),
      ),
      { numRuns: 300 },
    );
  });

  it('loadIdxPair(mutated image and label files) loads matching counts of 28x28 images or throws IdxError', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutatedBytes(() => images),
        mutatedBytes(() => labels),
        async (img, lab) => {
          const imgPath = join(dir, 'images');
          const labPath = join(dir, 'labels');
          writeFileSync(imgPath, img);
          writeFileSync(labPath, lab);
          try {
            const set = await loadIdxPair(imgPath, labPath);
            expect(set.rows).toBe(28);
            expect(set.cols).toBe(28);
            expect(set.images.length).toBe(set.count * 784);
            expect(set.labels.length).toBe(set.count);
          } catch (err) {
            if (!(err instanceof IdxError)) throw err;
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
