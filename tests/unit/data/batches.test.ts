import { describe, expect, it } from 'vitest';
import { epochOrder, fillBatch, fillRange, sliceSet } from '../../../src/pure/data/batches.js';
import { mulberry32, seededPermutation } from '../../../src/pure/data/random.js';
import type { ImageSet } from '../../../src/pure/data/types.js';

const set: ImageSet = {
  images: Uint8Array.from({ length: 3 * 4 }, (_, i) => i * 20),
  labels: Uint8Array.of(0, 1, 2),
  count: 3,
  rows: 2,
  cols: 2,
};

describe('batches', () => {
  it('fillBatch writes the chosen images as bytes / 255, in the given order', () => {
    const out = new Float32Array(8);
    const batch = fillBatch(set, [2, 0], out);
    expect(batch.length).toBe(8);
    expect([...batch].map((v) => Math.round(v * 255))).toEqual([160, 180, 200, 220, 0, 20, 40, 60]);
  });

  it('fillRange writes contiguous images', () => {
    const batch = fillRange(set, 1, 2, new Float32Array(8));
    expect(Math.round(batch[0]! * 255)).toBe(80);
    expect(batch.length).toBe(8);
  });

  it('fillBatch refuses a buffer that is too small', () => {
    expect(() => fillBatch(set, [0, 1], new Float32Array(5))).toThrow(RangeError);
  });

  it('sliceSet keeps the first images as a view', () => {
    const first = sliceSet(set, 2);
    expect(first.count).toBe(2);
    expect(first.images.buffer).toBe(set.images.buffer);
    expect(first.labels.length).toBe(2);
  });

  it('epochOrder is a permutation that repeats for a (seed, epoch) and changes across epochs', () => {
    const a = epochOrder(1000, 7, 1);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...epochOrder(1000, 7, 1)]).toEqual([...a]);
    expect([...epochOrder(1000, 7, 2)]).not.toEqual([...a]);
    expect([...epochOrder(1000, 8, 1)]).not.toEqual([...a]);
  });

  it('mulberry32 gives the same stream for the same seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededPermutation(5, 1)).toEqual(seededPermutation(5, 1));
  });
});
