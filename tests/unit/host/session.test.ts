import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, REQUEST_NAMES, type EventMap, type TrainConfig } from '../../../src/pure/api/api.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';

const config: TrainConfig = {
  name: 'tiny',
  arch: 'dense',
  latent: 2,
  hidden: [64],
  filters: [],
  activation: 'relu',
  loss: 'bce',
  noise: { kind: 'dropout', level: 0 },
  beta: 1,
  contraction: 0,
  learningRate: 0.002,
  batchSize: 100,
  epochs: 1,
  seed: 3,
  limit: 3_000,
};

let session: Session;
let host: Host;
let runsDir: string;

beforeAll(() => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-runs-'));
  session = createSession({ runsDir, backend: currentBackend, version: 'test', subsetEvery: 10 });
  host = createHost(session);
});

afterAll(() => session.dispose());

async function call<T = unknown>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function collect() {
  const seen: { [E in keyof EventMap]?: EventMap[E][] } = {};
  const off = host.onAny((name, payload) => ((seen[name] ??= []) as unknown[]).push(payload));
  return { seen, off };
}

function waitFor<E extends keyof EventMap>(name: E): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const off = host.on(name, (payload) => {
      off();
      resolve(payload);
    });
  });
}

describe('createSession', () => {
  it('has a handler for every request name of the API', () => {
    expect(Object.keys(session.handlers).sort()).toEqual([...REQUEST_NAMES].sort());
  });

  it('info names the backend and the MNIST dataset, with no model open in an empty library', async () => {
    const info = await call<{ backend: string; dataset: { trainCount: number; testCount: number }; run: unknown }>('info');
    expect(info.backend).toBe('wasm');
    expect(info.dataset).toMatchObject({ trainCount: 60_000, testCount: 10_000 });
    expect(info.run).toBeNull();
    expect(await host.handle('decode', { points: new Float32Array([0, 0]) })).toMatchObject({ ok: false, error: { code: 'no-model' } });
  });

  it('images returns dataset images by index, train then test, and refuses an index past the end', async () => {
    const mnist = await loadMnist();
    const { images } = await call<{ images: Uint8Array }>('images', { indices: Uint32Array.of(0, 60_000) });
    expect(images.subarray(0, IMAGE_PIXELS)).toEqual(new Uint8Array(mnist.train.images.subarray(0, IMAGE_PIXELS)));
    expect(images.subarray(IMAGE_PIXELS)).toEqual(new Uint8Array(mnist.test.images.subarray(0, IMAGE_PIXELS)));
    expect(await host.handle('images', { indices: Uint32Array.of(70_000) })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('startTraining streams progress and embeddings, answers decodes meanwhile, and saves a complete run', async () => {
    const { seen, off } = collect();
    const ended = waitFor('trainEnd');
    const { runId } = await call<{ runId: string }>('startTraining', { config });
    expect(await host.handle('startTraining', { config })).toMatchObject({ ok: false, error: { code: 'busy' } });
    const firstUpdate = await waitFor('embeddingUpdate');
    expect(firstUpdate.indices?.length).toBe(5_000);
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const { images } = await call<{ images: Uint8Array }>('decode', { points: Float32Array.of(i / 5, 0), runId });
      latencies.push(performance.now() - started);
      expect(images.length).toBe(IMAGE_PIXELS);
    }
    const end = await ended;
    off();
    expect(end).toMatchObject({ runId, outcome: 'complete', run: { id: runId, arch: 'dense', latent: 2, epochs: 1 } });
    // Chance is 0.1; one short epoch on 3,000 images already separates some digits.
    expect(end.run!.knn).toBeGreaterThan(0.15);
    expect(seen.trainProgress!.some((p) => p.kind === 'epoch' && p.testLoss! > 0)).toBe(true);
    const full = seen.embeddingUpdate!.find((e) => !e.indices)!;
    expect(full.x.length).toBe(70_000);
    expect(Math.max(...latencies)).toBeLessThan(2_000);
    const runs = await call<{ id: string }[]>('listRuns');
    expect(runs.map((r) => r.id)).toContain(runId);
  });

  it('openRun makes a saved run current; decode, encode, interpolate, grid and reconstruct answer with it without leaking tensors', async () => {
    const [run] = await call<{ id: string }[]>('listRuns');
    await call('openRun', { id: run.id });
    const emb = await call<{ x: Float32Array; labels: Uint8Array; dims: number; projected: boolean }>('embedding');
    expect(emb.x.length).toBe(70_000);
    expect(emb).toMatchObject({ dims: 2, projected: false });
    const before = tf.memory().numTensors;
    const { images } = await call<{ images: Uint8Array }>('decode', { points: Float32Array.of(0, 0, 1, 1) });
    expect(images.length).toBe(2 * IMAGE_PIXELS);
    const mnist = await loadMnist();
    const enc = await call<{ point: Float32Array; reconstruction: Uint8Array }>('encode', {
      image: new Uint8Array(mnist.test.images.subarray(0, IMAGE_PIXELS)),
    });
    expect(enc.point.length).toBe(2);
    expect(enc.point[0]).toBeCloseTo(emb.x[60_000], 4);
    const interp = await call<{ latent: Uint8Array; pixel: Uint8Array; path: Float32Array; mode: string }>('interpolate', {
      from: 60_000,
      to: 60_001,
      steps: 8,
    });
    expect(interp.latent.length).toBe(8 * IMAGE_PIXELS);
    expect(interp.pixel.subarray(0, IMAGE_PIXELS)).toEqual(new Uint8Array(mnist.test.images.subarray(0, IMAGE_PIXELS)));
    expect(interp.path[0]).toBeCloseTo(emb.x[60_000], 4);
    expect(interp.mode).toBe('linear');
    const g = await call<{ images: Uint8Array; n: number }>('grid', { x0: -1, x1: 1, y0: -1, y1: 1, n: 4 });
    expect(g.images.length).toBe(16 * IMAGE_PIXELS);
    const rec = await call<{ images: Uint8Array; errors: Float32Array }>('reconstruct', { indices: Uint32Array.of(1, 2, 3) });
    expect(rec.errors.length).toBe(3);
    expect(rec.errors.every((e) => e > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('decode requests are answered while the 70,000-image embedding is still being computed', async () => {
    const fresh = createHost(createSession({ runsDir, backend: currentBackend, version: 'test' }));
    const [run] = ((await fresh.handle('listRuns', undefined)) as { value: { id: string }[] }).value;
    const order: string[] = [];
    const embedding = fresh.handle('embedding', { runId: run.id }).then(() => order.push('embedding'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const decodes = [0, 1, 2].map((i) =>
      fresh.handle('decode', { points: Float32Array.of(i, 0), runId: run.id }).then((r) => {
        expect(r.ok).toBe(true);
        order.push(`decode ${i}`);
      }),
    );
    await Promise.all([embedding, ...decodes]);
    expect(order.at(-1)).toBe('embedding');
  });

  it('cancelTraining stops a run and leaves nothing in the library', async () => {
    const ended = waitFor('trainEnd');
    const { runId } = await call<{ runId: string }>('startTraining', { config: { ...config, epochs: 3, limit: 20_000 } });
    await waitFor('trainProgress');
    expect((await call<{ status: string } | null>('pauseTraining'))?.status).toBe('paused');
    expect((await call<{ status: string } | null>('resumeTraining'))?.status).toBe('running');
    await call('cancelTraining');
    expect(await ended).toMatchObject({ runId, outcome: 'cancelled' });
    expect(existsSync(join(runsDir, runId))).toBe(false);
    expect((await call<{ id: string }[]>('listRuns')).map((r) => r.id)).not.toContain(runId);
    expect((await call<{ training: unknown }>('info')).training).toBeNull();
  });

  it('openRun refuses ids that are not plain folder names', async () => {
    for (const id of ['../etc', '/abs', 'a/b', '..']) {
      expect(await host.handle('openRun', { id })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(await host.handle('openRun', { id: 'missing-run' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
