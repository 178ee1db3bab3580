import { describe, expect, it } from 'vitest';
import { decodeReplay, encodeReplay, type Replay } from '../../../src/pure/latent/replay-format.js';
import { mulberry32 } from '../../../src/pure/data/random.js';

function sample(n: number, epochs: number): Replay {
  const random = mulberry32(5);
  return {
    indices: Uint32Array.from({ length: n }, (_, i) => i * 3),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
    projected: true,
    epochs: Array.from({ length: epochs }, (_, e) => ({
      epoch: e,
      xy: Float32Array.from({ length: 2 * n }, () => (random() - 0.5) * 10 ** e),
    })),
  };
}

describe('training replay file', () => {
  it('round-trips within Int16 quantisation of each epoch range, 4 bytes per point and epoch', () => {
    const replay = sample(101, 4);
    const bytes = encodeReplay(replay);
    expect(bytes.length).toBe(20 + 101 * 4 + 104 + 4 * (20 + 101 * 4));
    const back = decodeReplay(bytes);
    expect(Array.from(back.indices)).toEqual(Array.from(replay.indices));
    expect(Array.from(back.labels)).toEqual(Array.from(replay.labels));
    expect(back.projected).toBe(true);
    expect(back.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    back.epochs.forEach((e, k) => {
      const src = replay.epochs[k]!.xy;
      const span = Math.max(...src) - Math.min(...src);
      for (let i = 0; i < src.length; i++) expect(Math.abs(e.xy[i]! - src[i]!)).toBeLessThanOrEqual(span / 32767);
    });
  });

  it('refuses what is not a replay, truncated files and other versions', () => {
    const bytes = encodeReplay(sample(10, 2));
    expect(() => decodeReplay(new Uint8Array(30))).toThrow(/not a training replay/);
    expect(() => decodeReplay(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(() => decodeReplay(v2)).toThrow(/version 2/);
    expect(() => encodeReplay({ ...sample(10, 1), labels: new Uint8Array(3) })).toThrow(/one label per index/);
  });
});
