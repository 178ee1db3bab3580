import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { blendPixels, crossFade, lerp, lerpCodes, slerpCodes } from '../../../src/latent/index.js';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

describe('interpolation', () => {
  let a: Uint8Array;
  let b: Uint8Array;
  beforeAll(async () => {
    const { test } = await loadMnist();
    // Copies: a Buffer's slice() is a view, and these must be plain, independent arrays.
    a = Uint8Array.from(test.images.subarray(0, 784));
    b = Uint8Array.from(test.images.subarray(784, 2 * 784));
  });

  it('lerpCodes(a, b, steps) starts at a, ends at b and passes the midpoint halfway', () => {
    const p = Float32Array.of(1, -2, 3);
    const q = Float32Array.of(-1, 4, 5);
    const path = lerpCodes(p, q, 5);
    expect(path.length).toBe(15);
    expect(Array.from(path.subarray(0, 3))).toEqual([1, -2, 3]);
    expect(Array.from(path.subarray(12, 15))).toEqual([-1, 4, 5]);
    expect(Array.from(path.subarray(6, 9))).toEqual([0, 1, 4]);
    expect(Array.from(lerp(p, q, 0.5))).toEqual([0, 1, 4]);
  });

  it('slerpCodes(a, b, steps) hits both endpoints and sweeps the norm linearly from |a| to |b|', () => {
    const p = Float32Array.of(3, 0, 0, 1);
    const q = Float32Array.of(0, 2, 1, -1);
    const steps = 9;
    const path = slerpCodes(p, q, steps);
    for (let i = 0; i < 4; i++) {
      expect(path[i]).toBeCloseTo(p[i]!, 6);
      expect(path[(steps - 1) * 4 + i]).toBeCloseTo(q[i]!, 6);
    }
    for (let s = 0; s < steps; s++) {
      const t = s / (steps - 1);
      expect(norm(path.subarray(s * 4, s * 4 + 4))).toBeCloseTo(norm(p) + t * (norm(q) - norm(p)), 4);
    }
  });

  it('slerpCodes bends away from the straight line, and falls back to it for parallel codes', () => {
    const p = Float32Array.of(1, 0);
    const q = Float32Array.of(0, 1);
    const mid = slerpCodes(p, q, 3).subarray(2, 4);
    expect(mid[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(mid[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Array.from(slerpCodes(Float32Array.of(1, 1), Float32Array.of(2, 2), 3))).toEqual([1, 1, 1.5, 1.5, 2, 2]);
  });

  it('blendPixels(a, b, 0.5) is the mean of two MNIST images, and t = 0 / 1 give the images', () => {
    const mid = blendPixels(a, b, 0.5);
    for (let i = 0; i < 784; i++) expect(Math.abs(mid[i]! - (a[i]! + b[i]!) / 2)).toBeLessThanOrEqual(0.5);
    expect(blendPixels(a, b, 0)).toEqual(a);
    expect(blendPixels(a, b, 1)).toEqual(b);
  });

  it('crossFade(a, b, steps) returns steps frames from a to b', () => {
    const frames = crossFade(a, b, 7);
    expect(frames.length).toBe(7 * 784);
    expect(frames.subarray(0, 784)).toEqual(a);
    expect(frames.subarray(6 * 784)).toEqual(b);
    expect(frames.subarray(3 * 784, 4 * 784)).toEqual(blendPixels(a, b, 0.5));
  });

  it('does not mutate its inputs', () => {
    const p = Float32Array.of(0.5, -1);
    const q = Float32Array.of(2, 3);
    const [p0, q0, a0, b0] = [p.slice(), q.slice(), Uint8Array.from(a), Uint8Array.from(b)];
    lerpCodes(p, q, 4);
    slerpCodes(p, q, 4);
    crossFade(a, b, 4);
    blendPixels(a, b, 0.3);
    lerpCodes(Object.freeze([1, 2]), Object.freeze([3, 4]), 3);
    expect([p, q, a, b]).toEqual([p0, q0, a0, b0]);
  });

  it('rejects fewer than two steps and codes of different sizes', () => {
    expect(() => lerpCodes([0], [1], 1)).toThrow(RangeError);
    expect(() => slerpCodes([0, 1], [1], 3)).toThrow(RangeError);
  });
});
