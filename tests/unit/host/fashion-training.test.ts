import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineInfo, EventMap, RunSummary, TrainConfig } from '../../../src/pure/api/api.js';
import { loadFashionMnist, fashionCacheDir } from '../../../src/data/fashion-mnist.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';

const root = mkdtempSync(join(tmpdir(), 'lex-fashion-session-'));
const config: TrainConfig = {
  name: 'clothes',
  dataset: 'fashion-mnist',
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
  seed: 2,
  limit: 500,
};

let session: Session;
let host: Host;

beforeAll(() => {
  process.env.LATENT_EXPLORER_CACHE = join(root, 'cache');
  session = createSession({ runsDir: join(root, 'runs'), backend: currentBackend, version: 'test' });
  host = createHost(session);
});

afterAll(async () => {
  await session.dispose();
  delete process.env.LATENT_EXPLORER_CACHE;
  rmSync(root, { recursive: true, force: true });
});

async function call<T>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('training on Fashion-MNIST', () => {
  it('a run with dataset fashion-mnist trains on clothes, and opening it makes images and info follow its dataset', async () => {
    const ended = new Promise<EventMap['trainEnd']>((resolve) => host.on('trainEnd', resolve));
    await call('startTraining', { config });
    const end = await ended;
    expect(end).toMatchObject({ outcome: 'complete', run: { dataset: 'fashion-mnist', name: 'clothes' } });
    const runs = await call<RunSummary[]>('listRuns');
    expect(runs.map((r) => r.dataset)).toEqual(['fashion-mnist']);

    await call('openRun', { id: end.run!.id });
    const info = await call<EngineInfo>('info');
    expect(info.dataset).toMatchObject({ id: 'fashion-mnist', trainCount: 60_000, testCount: 10_000 });
    expect(info.dataset.classNames[9]).toBe('Ankle boot');
    const fashion = await loadFashionMnist(fashionCacheDir());
    const { images } = await call<{ images: Uint8Array }>('images', { indices: Uint32Array.of(0) });
    expect(images).toEqual(new Uint8Array(fashion.train.images.subarray(0, 784)));
    const emb = await call<{ labels: Uint8Array; trainCount: number }>('embedding');
    expect(emb.trainCount).toBe(60_000);
    expect(Array.from(emb.labels.subarray(60_000, 60_010))).toEqual(Array.from(fashion.test.labels.subarray(0, 10)));
  });
});
