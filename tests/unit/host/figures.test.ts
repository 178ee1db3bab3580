/**
 * The figure requests on a run trained through the app's training path (the worker): its replay is recorded
 * (d = 3, so projected, with axis signs kept from epoch to epoch), read back by `runReplay`, and its history by
 * `runHistories`; a run without a replay answers not-found with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, ReplayData, RunHistory, TrainConfig } from '../../../src/pure/api/api.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';

const root = mkdtempSync(join(tmpdir(), 'lex-figures-session-'));
const runsDir = join(root, 'runs');
const config: TrainConfig = {
  name: 'three',
  dataset: 'mnist',
  arch: 'dense',
  latent: 3,
  hidden: [32],
  filters: [],
  activation: 'relu',
  loss: 'bce',
  noise: { kind: 'dropout', level: 0 },
  beta: 1,
  contraction: 0,
  learningRate: 0.003,
  batchSize: 100,
  epochs: 2,
  seed: 2,
  limit: 500,
};

let session: Session;
let host: Host;
let runId: string;

async function call<T>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
  const ended = new Promise<EventMap['trainEnd']>((resolve) => host.on('trainEnd', resolve));
  await call('startTraining', { config });
  const end = await ended;
  expect(end.outcome).toBe('complete');
  runId = end.run!.id;
});

afterAll(async () => {
  await session.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('figure requests', () => {
  it('a run trained in the app records its replay: epochs 0..2 of 5,000 projected test codes', async () => {
    const record = JSON.parse(await readFile(join(runsDir, runId, 'run.json'), 'utf8'));
    expect(record.replay).toEqual({ file: 'replay.bin', points: 5000, epochs: 3, projected: true });
    const replay = await call<ReplayData>('runReplay', { id: runId });
    expect(replay).toMatchObject({ id: runId, name: 'three', loss: 'bce', epochs: 2, recorded: [0, 1, 2], projected: true, latent: 3 });
    expect(replay.labels).toHaveLength(5000);
    expect(replay.xy).toHaveLength(3 * 5000 * 2);
    expect(replay.history.map((h) => h.epoch)).toEqual([1, 2]);
    // Each axis keeps its sign from one epoch to the next (no flip in the animation).
    const n = 5000;
    for (let k = 1; k < 3; k++)
      for (const axis of [0, 1]) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += replay.xy[(k * n + i) * 2 + axis]! * replay.xy[((k - 1) * n + i) * 2 + axis]!;
        expect(dot).toBeGreaterThanOrEqual(0);
      }
  });

  it('runHistories answers the loss history of each run asked for', async () => {
    const [h] = await call<RunHistory[]>('runHistories', { ids: [runId] });
    expect(h).toMatchObject({ id: runId, name: 'three', loss: 'bce', epochs: 2 });
    expect(h!.history.every((p) => typeof p.loss === 'number')).toBe(true);
    expect(await host.handle('runHistories', { ids: ['no-such-run'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await host.handle('runHistories', { ids: ['../etc'] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('a run without a replay (trained before replays) says so', async () => {
    await unlink(join(runsDir, runId, 'replay.bin'));
    expect(await host.handle('runReplay', { id: runId })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/no training replay/) },
    });
  });
});
