import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointSummary, EventMap, RunSummary, TrainConfig } from '../../../src/pure/api/api.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { libraryDir } from '../../../src/host/library.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { RUN_VERSION, readRunRecord, saveRun } from '../../../src/runs/index.js';

const config: TrainConfig = {
  name: 'tiny',
  arch: 'dense',
  latent: 2,
  hidden: [32],
  filters: [],
  activation: 'relu',
  loss: 'bce',
  noise: { kind: 'dropout', level: 0 },
  beta: 1,
  contraction: 0,
  learningRate: 0.003,
  batchSize: 100,
  epochs: 1,
  seed: 5,
  limit: 500,
};

let session: Session;
let host: Host;
let runsDir: string;

beforeAll(() => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-library-'));
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
});

afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

async function call<T = unknown>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function waitFor<E extends keyof EventMap>(name: E): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const off = host.on(name, (payload) => {
      off();
      resolve(payload);
    });
  });
}

async function trainRun(overrides: Partial<TrainConfig> = {}): Promise<RunSummary> {
  const end = waitFor('trainEnd');
  await call('startTraining', { config: { ...config, ...overrides } });
  const result = await end;
  expect(result.outcome).toBe('complete');
  return result.run!;
}

/** A checkpoint as an interrupted training leaves it: epoch 1 of 2 done, state saved, status `checkpoint`. */
async function writeCheckpoint(id: string): Promise<void> {
  const ae = buildAutoencoder(config, config.seed);
  const createdAt = new Date().toISOString();
  await saveRun(
    join(runsDir, id),
    ae,
    {
      version: RUN_VERSION,
      id,
      name: 'interrupted',
      config: { ...config, epochs: 2 },
      dataset: 'mnist',
      backend: currentBackend(),
      history: [{ epoch: 1, loss: 0.3, testLoss: 0.29 }],
      metrics: { testLoss: 0.29, knn: null },
      createdAt,
      finishedAt: null,
      durationMs: 1234,
      status: 'checkpoint',
    },
    { state: true },
  );
  ae.dispose();
}

describe('library handlers', () => {
  it('renameRun changes the listed name and run.json, and keeps the folder id', async () => {
    const run = await trainRun();
    const renamed = await call<RunSummary>('renameRun', { id: run.id, name: '  My model  ' });
    expect(renamed).toMatchObject({ id: run.id, name: 'My model' });
    expect((await readRunRecord(join(runsDir, run.id))).name).toBe('My model');
    const listed = await call<RunSummary[]>('listRuns');
    expect(listed.find((r) => r.id === run.id)?.name).toBe('My model');
  });

  it('runConfig returns the exact settings a run was trained with', async () => {
    const run = (await call<RunSummary[]>('listRuns'))[0]!;
    expect(await call<TrainConfig>('runConfig', { id: run.id })).toEqual(config);
  });

  it('deleteRun removes the folder, the listing entry, and the open model', async () => {
    const run = (await call<RunSummary[]>('listRuns'))[0]!;
    await call('openRun', { id: run.id });
    expect(await call('deleteRun', { id: run.id })).toEqual({ id: run.id });
    expect(existsSync(join(runsDir, run.id))).toBe(false);
    expect(readdirSync(runsDir)).toEqual([]);
    expect((await call<RunSummary[]>('listRuns')).some((r) => r.id === run.id)).toBe(false);
    expect(await host.handle('decode', { points: new Float32Array([0, 0]) })).toMatchObject({ ok: false, error: { code: 'no-model' } });
    expect(await host.handle('deleteRun', { id: run.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses paths, traversal and the shipped model by id, touching nothing', async () => {
    for (const id of ['..', '../etc', 'a/b', '/tmp/x', 'a\\b', '.hidden', 'x/../../y', '']) {
      for (const method of ['renameRun', 'deleteRun', 'runConfig', 'resumeRun']) {
        const result = await host.handle(method, { id, ...(method === 'renameRun' ? { name: 'n' } : {}) });
        expect(result, `${method} ${id}`).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      }
    }
    expect(await host.handle('deleteRun', { id: 'default' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(() => libraryDir(runsDir, 'a..b')).toThrow(/not a run id/);
  });

  it('listCheckpoints offers an interrupted run, and resumeRun continues it from its last epoch to complete', async () => {
    const id = 'dense-2d-interrupted-0001';
    await writeCheckpoint(id);
    expect(await call<RunSummary[]>('listRuns')).toEqual([]);
    const offered = await call<CheckpointSummary[]>('listCheckpoints');
    expect(offered).toMatchObject([{ id, name: 'interrupted', epochs: 1, epochsPlanned: 2 }]);

    const progress: EventMap['trainProgress'][] = [];
    const off = host.on('trainProgress', (p) => progress.push(p));
    const end = waitFor('trainEnd');
    expect(await call('resumeRun', { id })).toEqual({ runId: id });
    expect(await call<CheckpointSummary[]>('listCheckpoints')).toEqual([]);
    const result = await end;
    off();
    expect(result).toMatchObject({ runId: id, outcome: 'complete' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.epoch === 2)).toBe(true);
    const record = await readRunRecord(join(runsDir, id));
    expect(record).toMatchObject({ status: 'complete', name: 'interrupted', createdAt: expect.any(String) });
    expect(record.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(record.history[0]).toEqual({ epoch: 1, loss: 0.3, testLoss: 0.29 });
    expect(record.durationMs).toBeGreaterThan(1234);
    expect(existsSync(join(runsDir, id, 'state'))).toBe(false);
    expect(await host.handle('resumeRun', { id })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('leaves no tensors behind after rename, config reads and listings', async () => {
    const before = tf.memory().numTensors;
    const run = (await call<RunSummary[]>('listRuns'))[0]!;
    await call('renameRun', { id: run.id, name: 'again' });
    await call('runConfig', { id: run.id });
    await call('listCheckpoints');
    expect(tf.memory().numTensors).toBe(before);
  });
});
