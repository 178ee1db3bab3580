import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSummary, EngineInfo, EventMap, RunSummary, TrainConfig } from '../../../src/pure/api/api.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { DATASETS_DIR, datasetSlug, splitImported } from '../../../src/host/datasets.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';

const root = mkdtempSync(join(tmpdir(), 'lex-datasets-'));
let session: Session;
let host: Host;

beforeAll(() => {
  session = createSession({ runsDir: root, backend: currentBackend, version: 'test' });
  host = createHost(session);
});

afterAll(async () => {
  await session.dispose();
  rmSync(root, { recursive: true, force: true });
});

async function call<T>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('imported datasets', () => {
  it('datasetSlug makes a folder-safe id part from any name', () => {
    expect(datasetSlug('My Letters!')).toBe('my-letters');
    expect(datasetSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(datasetSlug('%%%')).toBe('dataset');
  });

  it('splitImported keeps every image once, with its label, and a seeded test share', () => {
    const n = 40;
    const images = new Uint8Array(n * 784).map((_, i) => Math.floor(i / 784));
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 3);
    const { train, test } = splitImported(images, labels);
    expect([train.count, test.count]).toEqual([34, 6]);
    const seen = [...train.images.filter((_, i) => i % 784 === 0), ...test.images.filter((_, i) => i % 784 === 0)].sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const set of [train, test]) for (let k = 0; k < set.count; k++) expect(set.labels[k]).toBe(set.images[k * 784]! % 3);
    expect(splitImported(images, labels)).toEqual({ train, test });
  });

  it('importDataset stores images with labels as user:<slug>, listDatasets lists it, and a run trains and opens on it', async () => {
    const mnist = await loadMnist();
    const n = 300;
    const summary = await call<DatasetSummary>('importDataset', {
      name: 'My digits',
      images: new Uint8Array(mnist.test.images.subarray(0, n * 784)),
      labels: new Uint8Array(mnist.test.labels.subarray(0, n)),
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    });
    expect(summary).toMatchObject({ id: 'user:my-digits', name: 'My digits', trainCount: 255, testCount: 45 });
    expect(readdirSync(join(root, DATASETS_DIR))).toEqual(['my-digits']);
    const again = await call<DatasetSummary>('importDataset', {
      name: 'My digits',
      images: new Uint8Array(784 * 2),
      labels: Uint8Array.of(0, 1),
      classNames: ['a', 'b'],
    });
    expect(again.id).toBe('user:my-digits-2');
    const listed = await call<DatasetSummary[]>('listDatasets');
    expect(listed.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist', 'user:my-digits', 'user:my-digits-2']);

    const config: TrainConfig = {
      dataset: 'user:my-digits',
      arch: 'dense',
      latent: 2,
      hidden: [16],
      filters: [],
      activation: 'relu',
      loss: 'bce',
      noise: { kind: 'dropout', level: 0 },
      beta: 1,
      contraction: 0,
      learningRate: 0.003,
      batchSize: 50,
      epochs: 1,
      seed: 1,
    };
    const ended = new Promise<EventMap['trainEnd']>((resolve) => host.on('trainEnd', resolve));
    await call('startTraining', { config });
    const end = await ended;
    expect(end).toMatchObject({ outcome: 'complete', run: { dataset: 'user:my-digits' } });
    expect((await call<RunSummary[]>('listRuns')).length).toBe(1);
    await call('openRun', { id: end.run!.id });
    expect((await call<EngineInfo>('info')).dataset).toMatchObject({ id: 'user:my-digits', trainCount: 255 });
  });

  it('refuses a label without a class, a label count that does not match, and a dataset id that is not one', async () => {
    const bad = [
      { name: 'x', images: new Uint8Array(784 * 2), labels: Uint8Array.of(0, 5), classNames: ['a', 'b'] },
      { name: 'x', images: new Uint8Array(784 * 3), labels: Uint8Array.of(0, 1), classNames: ['a', 'b'] },
      { name: '', images: new Uint8Array(784 * 2), labels: Uint8Array.of(0, 1), classNames: ['a', 'b'] },
    ];
    for (const arg of bad) expect(await host.handle('importDataset', arg)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const config = {
      dataset: 'user:../../etc',
      arch: 'dense',
      latent: 2,
      hidden: [],
      filters: [],
      activation: 'relu',
      loss: 'bce',
      noise: { kind: 'dropout', level: 0 },
      beta: 1,
      contraction: 0,
      learningRate: 0.01,
      batchSize: 10,
      epochs: 1,
      seed: 1,
    };
    expect(await host.handle('startTraining', { config })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(existsSync(join(root, DATASETS_DIR, 'x'))).toBe(false);
  });
});
