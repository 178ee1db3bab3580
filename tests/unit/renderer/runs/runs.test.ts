import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src/pure/api/api.js';
import { acceptName, formatKnn, runCells } from '../../../../renderer/lib/runs/format.js';
import { pendingDelete } from '../../../../renderer/lib/runs/pending-delete.js';

const run: RunSummary = {
  id: 'dense-2d-1',
  name: 'A',
  arch: 'dense',
  latent: 2,
  dataset: 'mnist',
  createdAt: '2026-11-23T15:02:00.000Z',
  testLoss: 0.123456,
  knn: 0.9321,
  backend: 'wasm',
  durationMs: 185_000,
  epochs: 3,
};

function fakeTimers() {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (fn: () => void) => (timers.set(++next, fn), next),
    clearTimer: (h: unknown) => void timers.delete(h as number),
    fire: () => [...timers.values()].forEach((fn) => fn()),
    count: () => timers.size,
  };
}

describe('runs library helpers', () => {
  it('runCells formats every column of a run', () => {
    const cells = runCells(run, 'en');
    expect(cells).toMatchObject({
      arch: 'dense · 2-D',
      dataset: 'mnist',
      testLoss: '0.1235',
      knn: '93.2 %',
      backend: 'wasm',
      duration: '3 min 05 s',
    });
    expect(cells.date).toMatch(/2026/);
    expect(formatKnn(null)).toBe('–');
  });

  it('runCells names an imported run by its format and an ONNX run by its runtime', () => {
    expect(runCells({ ...run, imported: 'onnx' }, 'en')).toMatchObject({ arch: 'ONNX · 2-D', backend: 'onnxruntime' });
    expect(runCells({ ...run, imported: 'tfjs-layers' }, 'en')).toMatchObject({ arch: 'TF.js Layers · 2-D', backend: 'wasm' });
  });

  it('acceptName trims and refuses empty, unchanged or over-long names', () => {
    expect(acceptName('  B ', 'A')).toBe('B');
    expect(acceptName('   ', 'A')).toBeNull();
    expect(acceptName('A', 'A')).toBeNull();
    expect(acceptName('x'.repeat(81), 'A')).toBeNull();
  });

  it('pendingDelete commits after the undo window, and undo brings the item back without committing', async () => {
    const timers = fakeTimers();
    const committed: string[] = [];
    const seen: (string | null)[] = [];
    const p = pendingDelete<string>({ commit: async (x) => void committed.push(x), onChange: (x) => seen.push(x), ...timers });
    p.schedule('a');
    expect(p.current).toBe('a');
    expect(p.undo()).toBe('a');
    expect(timers.count()).toBe(0);
    p.schedule('b');
    timers.fire();
    await Promise.resolve();
    expect(committed).toEqual(['b']);
    expect(seen).toEqual(['a', null, 'b', null]);
  });

  it('pendingDelete commits an earlier item when a second is deleted, and flush commits at once', async () => {
    const timers = fakeTimers();
    const committed: string[] = [];
    const p = pendingDelete<string>({ commit: async (x) => void committed.push(x), ...timers });
    p.schedule('a');
    p.schedule('b');
    await p.flush();
    expect(committed).toEqual(['a', 'b']);
    expect(p.current).toBeNull();
  });
});
