import { describe, expect, it } from 'vitest';
import { renderInterpolationFrameSvg, renderReplayFrameSvg, renderWalkFrameSvg } from '../../../src/pure/anim/frames.js';
import type { ReplayData } from '../../../src/pure/api/api.js';
import { interpolationFrames, walkFrames, walkPoints } from '../../../renderer/lib/explorer/export-animations.js';
import { replayFrames } from '../../../renderer/views/runs/run-figures.js';

const ramp = (n: number) => Uint8Array.from({ length: n * 784 }, (_, i) => (Math.floor(i / 784) * 40 + (i % 784)) & 255);

describe('the page animations use the pure frame functions', () => {
  it('interpolation frame k is the frame function at t = k / (n - 1)', () => {
    const strip = {
      latent: ramp(5),
      pixel: ramp(5).reverse(),
      path: Float32Array.of(0, 0, 1, 1, 2, 2, 3, 3, 4, 4),
      mode: 'linear' as const,
    };
    const source = interpolationFrames(strip, { latent: 'latent', pixel: 'pixel' }, '4:3');
    expect(source.count).toBe(5);
    const data = { latent: strip.latent, pixel: strip.pixel, latentLabel: 'latent', pixelLabel: 'pixel' };
    expect(source.frame(3)).toBe(renderInterpolationFrameSvg(data, 0.75, { size: '4:3' }));
    expect(source.frame(3)).toContain('t = 0.75');
    expect(source.frame(0)).not.toBe(source.frame(4));
  });

  it('a walk visits evenly spaced points by arc length along any waypoints', () => {
    expect(Array.from(walkPoints([0, 0, 2, 0, 2, 2], 5))).toEqual([0, 0, 1, 0, 2, 0, 2, 1, 2, 2]);
    const map = { scatter: { x: [0, 1, 2], y: [0, 1, 2], labels: [0, 1, 2] }, xDomain: [-1, 3] as const, yDomain: [-1, 3] as const };
    const source = walkFrames(map, [0, 0, 2, 0, 2, 2], ramp(5), '16:9', 'walk');
    expect(source.count).toBe(5);
    expect(source.frame(2)).toBe(
      renderWalkFrameSvg({ map, path: [0, 0, 2, 0, 2, 2], images: ramp(5), label: 'walk' }, 0.5, { size: '16:9' }),
    );
    expect(source.frame(2)).toContain('(2.00, 0.00)');
  });

  it('the replay has one frame per recorded epoch, frame k drawing epoch k', () => {
    const n = 20;
    const replay: ReplayData = {
      id: 'r',
      name: 'r',
      loss: 'bce',
      epochs: 2,
      history: [
        { epoch: 1, loss: 0.3, testLoss: 0.31 },
        { epoch: 2, loss: 0.2, testLoss: 0.22 },
      ],
      recorded: [0, 1, 2],
      xy: Float32Array.from({ length: 3 * n * 2 }, (_, i) => Math.sin(i)),
      labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
      projected: false,
      latent: 2,
    };
    const source = replayFrames(replay, '16:9');
    expect(source.count).toBe(3);
    expect(source.frame(1)).toContain('epoch 1');
    const data = {
      epochs: [0, 1, 2],
      codes: [0, 1, 2].map((k) => replay.xy.subarray(k * n * 2, (k + 1) * n * 2)),
      labels: replay.labels,
      history: replay.history,
      totalEpochs: 2,
      lossLabel: 'BCE loss per pixel',
    };
    expect(source.frame(2)).toBe(renderReplayFrameSvg(data, 2, { size: '16:9' }));
  });
});
