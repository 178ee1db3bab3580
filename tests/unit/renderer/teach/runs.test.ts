import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src/pure/api/api.js';
import { pickLossPair, pickRun } from '../../../../renderer/lib/teach/runs.js';

const run = (id: string, arch: RunSummary['arch'], latent: number, createdAt: string): RunSummary => ({
  id,
  name: id,
  arch,
  latent,
  dataset: 'mnist',
  createdAt,
  testLoss: null,
  knn: null,
  backend: 'wasm',
  durationMs: 0,
  epochs: 1,
});
const runs = [
  run('default', 'dense', 2, '2026-01-01T00:00:00Z'),
  run('den-old', 'denoising', 2, '2026-02-01T00:00:00Z'),
  run('den-new', 'denoising', 2, '2026-03-01T00:00:00Z'),
  run('mse8', 'dense', 8, '2026-03-02T00:00:00Z'),
  run('bce8', 'dense', 8, '2026-02-02T00:00:00Z'),
];

describe('teach/runs', () => {
  it('pickRun chooses the newest run that passes, else the fallback, else the first run', () => {
    expect(pickRun(runs, (r) => r.arch === 'denoising')).toBe('den-new');
    expect(pickRun(runs, (r) => r.arch === 'vae', 'bce8')).toBe('bce8');
    expect(pickRun(runs, (r) => r.arch === 'vae', 'gone')).toBe('default');
    expect(pickRun([], () => true)).toBeNull();
  });

  it('pickLossPair pairs the newest MSE run with a BCE run of its architecture and latent size', () => {
    const losses = new Map([
      ['default', 'bce'],
      ['den-old', 'bce'],
      ['den-new', 'bce'],
      ['mse8', 'mse'],
      ['bce8', 'bce'],
    ]);
    expect(pickLossPair(runs, losses)).toEqual(['bce8', 'mse8']);
    losses.delete('mse8');
    expect(
      pickLossPair(
        runs.filter((r) => r.id !== 'mse8'),
        losses,
      ),
    ).toEqual(['den-new', null]);
  });
});

describe('teach/runs with the shipped lesson pack', () => {
  const shipped = (id: string, arch: RunSummary['arch']): RunSummary => ({ ...run(id, arch, 2, '2026-04-01T00:00:00Z'), shipped: true });
  const pack = [
    { ...run('default', 'dense', 2, '2026-01-01T00:00:00Z'), shipped: true },
    shipped('lesson-denoising', 'denoising'),
    shipped('lesson-linear', 'linear'),
    shipped('lesson-dense-bce', 'dense'),
    shipped('lesson-dense-mse', 'dense'),
  ];
  const losses = new Map([
    ['default', 'bce'],
    ['lesson-denoising', 'mse'],
    ['lesson-linear', 'mse'],
    ['lesson-dense-bce', 'bce'],
    ['lesson-dense-mse', 'mse'],
  ]);

  it('with an empty library each lesson opens on its pack model', () => {
    expect(pickRun(pack, (r) => r.arch === 'denoising', 'default', 'denoising')).toBe('lesson-denoising');
    expect(pickRun(pack, (r) => r.arch === 'linear' || r.arch === 'tied', 'default', 'linear')).toBe('lesson-linear');
    expect(pickLossPair(pack, losses)).toEqual(['lesson-dense-bce', 'lesson-dense-mse']);
  });

  it("the user's own runs still take precedence, even when older than the pack", () => {
    const mine = [...pack, run('my-den', 'denoising', 2, '2026-01-02T00:00:00Z'), run('my-mse', 'dense', 8, '2026-01-03T00:00:00Z')];
    const all = new Map([...losses, ['my-den', 'bce'], ['my-mse', 'mse']]);
    expect(pickRun(mine, (r) => r.arch === 'denoising', 'default', 'denoising')).toBe('my-den');
    expect(pickLossPair(mine, all)).toEqual(['my-den', 'my-mse']);
  });
});
