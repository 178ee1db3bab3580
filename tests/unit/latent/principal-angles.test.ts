import { describe, expect, it } from 'vitest';
import { principalAngles } from '../../../src/latent/index.js';

describe('principalAngles', () => {
  it('is zero between two bases of the same plane', () => {
    const a = [1, 0, 0, 0, 1, 0];
    const b = [1, 1, 0, 2, -1, 0];
    for (const angle of principalAngles(a, b, 3, 2)) expect(angle).toBeCloseTo(0, 4);
  });

  it('is 90 degrees between orthogonal lines and 30 degrees for a 30-degree tilt', () => {
    expect(principalAngles([1, 0, 0], [0, 0, 1], 3, 1)[0]).toBeCloseTo(90, 6);
    const t = Math.PI / 6;
    const angles = principalAngles([1, 0, 0, 0, 1, 0], [1, 0, 0, 0, Math.cos(t), Math.sin(t)], 3, 2);
    expect(angles[0]).toBeCloseTo(0, 4);
    expect(angles[1]).toBeCloseTo(30, 4);
  });

  it('does not mutate its inputs', () => {
    const a = Object.freeze([1, 2, 3, 4, 5, 7]);
    const b = Float32Array.of(0, 1, 0, 1, 0, 0);
    const b0 = b.slice();
    principalAngles(a, b, 3, 2);
    expect(b).toEqual(b0);
  });
});
