/**
 * Use after dispose (issue 18): a model stays alive while a request holds it. Deleting a run while a long request
 * (its embedding) still runs it used to answer "Container 'encoder' is already disposed".
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { indexDataset, type DatasetIndex } from '../../../src/data/dataset-index.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { ModelLease, withLeases } from '../../../src/host/model-lease.js';
import { ModelCache } from '../../../src/host/models.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { sliceSet } from '../../../src/pure/data/batches.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const runsDir = mkdtempSync(join(tmpdir(), 'lex-lease-'));
let small: DatasetIndex;

function plantRun(id: string): void {
  const dir = join(runsDir, id);
  cpSync(join(ROOT, 'assets', 'default-run'), dir, { recursive: true });
  const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { id: string };
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...record, id }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const mnist = await loadMnist();
  small = indexDataset({ ...mnist, train: sliceSet(mnist.train, 300), test: sliceSet(mnist.test, 100) });
});
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

describe('ModelLease', () => {
  it('disposes once retired and no longer held, not before', () => {
    let freed = 0;
    const lease = new ModelLease(() => freed++);
    lease.acquire();
    lease.acquire();
    lease.retire();
    lease.release();
    expect(freed).toBe(0);
    lease.release();
    expect(freed).toBe(1);
    lease.release();
    lease.retire();
    expect(freed).toBe(1);
  });
});

describe('ModelCache leases', () => {
  it('a model forgotten while a request holds it keeps working until the request ends, then is disposed', async () => {
    plantRun('held');
    const cache = new ModelCache({ runsDir, data: async () => small });
    const before = tf.memory().numTensors;
    let model: Awaited<ReturnType<ModelCache['get']>> | null = null;
    await withLeases(async () => {
      model = await cache.get('held');
      cache.forget('held');
      // Longer than the grace a model outside any request gets.
      await sleep(1_300);
      const out = tf.tidy(() => (model!.decoder.predict(tf.zeros([1, model!.dims])) as tf.Tensor).dataSync());
      expect(out).toHaveLength(784);
    });
    expect((model as unknown as { lease: ModelLease }).lease.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    expect(() => tf.tidy(() => model!.decoder.predict(tf.zeros([1, model!.dims])))).toThrow(/disposed/);
  });
});

describe('deleting a run during its embedding', () => {
  let session: Session;
  let host: Host;
  beforeAll(() => {
    session = createSession({ runsDir, backend: currentBackend, version: 'test' });
    host = createHost(session);
  });
  afterAll(() => session.dispose());

  it('the embedding request still answers with the codes of every image', async () => {
    plantRun('busy');
    expect((await host.handle('openRun', { id: 'busy' })).ok).toBe(true);
    const embedding = host.handle('embedding', { runId: 'busy' });
    // Let the embedding start encoding, then delete the run under it.
    await sleep(100);
    const deleted = await host.handle('deleteRun', { id: 'busy' });
    expect(deleted).toEqual({ ok: true, value: { id: 'busy' } });
    const result = await embedding;
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    expect((await host.handle('embedding', { runId: 'busy' })).ok).toBe(false);
  });
});
