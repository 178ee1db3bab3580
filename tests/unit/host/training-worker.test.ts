import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, type EventMap, type TrainConfig } from '../../../src/pure/api/api.js';
import { fixedPlane } from '../../../src/host/embedding.js';
import { createHost, type Host } from '../../../src/host/host.js';
import type { OpenModel } from '../../../src/host/models.js';
import { decodePoints } from '../../../src/host/queries.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { currentBackend } from '../../../src/model/backend.js';

const base: TrainConfig = {
  name: 'worker',
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
  epochs: 2,
  seed: 5,
  limit: 2_000,
};
const POINTS = Float32Array.of(0, 0, 1, -1, -2, 0.5);

let runsDir: string;
let session: Session;
let host: Host;

beforeAll(() => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-worker-'));
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
});

afterAll(() => session.dispose());

async function call<T = unknown>(h: Host, method: string, arg?: unknown): Promise<T> {
  const result = await h.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

function waitFor<E extends keyof EventMap>(name: E): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const off = host.on(name, (payload) => (off(), resolve(payload)));
  });
}

describe('training in a worker thread', () => {
  it('answers every decode sent during a large-batch training before the next training step reports', async () => {
    // 784-512-128-2 at batch 1,024: one step is hundreds of ms of matmuls, and each step reports (progressEvery 1).
    const config: TrainConfig = { ...base, hidden: [512, 128], batchSize: 1_024, epochs: 1, limit: 22 * 1_024 };
    let steps = 0;
    const stepTimes: number[] = [];
    const answers: Promise<{ issuedAt: number; answeredAt: number; ms: number }>[] = [];
    const ended = waitFor('trainEnd');
    const off = host.on('trainProgress', (p) => {
      if (p.kind !== 'batch') return;
      steps += 1;
      stepTimes.push(performance.now());
      if (answers.length >= 20) return;
      const issuedAt = steps;
      // Sent from a timer, not from inside the event: on one thread it would wait for the next step to finish.
      answers.push(
        new Promise((resolve, reject) =>
          setTimeout(() => {
            const started = performance.now();
            call<{ images: Uint8Array }>(host, 'decode', { points: POINTS, runId: p.runId }).then((r) => {
              expect(r.images.length).toBe(3 * IMAGE_PIXELS);
              resolve({ issuedAt, answeredAt: steps, ms: performance.now() - started });
            }, reject);
          }, 0),
        ),
      );
    });
    await call(host, 'startTraining', { config });
    const end = await ended;
    off();
    expect(end.outcome).toBe('complete');
    const results = await Promise.all(answers);
    expect(results.length).toBe(20);
    for (const r of results) expect(r.answeredAt).toBe(r.issuedAt);
    const gaps = stepTimes
      .slice(1)
      .map((t, i) => t - stepTimes[i]!)
      .sort((a, b) => a - b);
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(
      `decode during training: median ${latencies[10]!.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms; step median ${gaps[gaps.length >> 1]!.toFixed(0)} ms`,
    );
  }, 120_000);

  it('decodes with the weights of the latest snapshot: changed from the untrained model while training, equal to the saved run at the end', async () => {
    const untrained = buildAutoencoder(base, base.seed);
    const plane = fixedPlane(2)!;
    const before = await decodePoints({ decoder: untrained.decoder, dims: 2 } as OpenModel, plane, POINTS);
    untrained.dispose();
    const tensors = tf.memory().numTensors;
    const decodes: { epoch: number; images: Promise<Uint8Array> }[] = [];
    const off = host.on('trainProgress', (p) => {
      // The worker posts the epoch's weights before the epoch's event: a decode from here sees them.
      if (p.kind === 'epoch')
        decodes.push({
          epoch: p.epoch,
          images: call<{ images: Uint8Array }>(host, 'decode', { points: POINTS, runId: p.runId }).then((r) => r.images),
        });
    });
    const ended = waitFor('trainEnd');
    const { runId } = await call<{ runId: string }>(host, 'startTraining', { config: base });
    const end = await ended;
    off();
    expect(end.outcome).toBe('complete');
    expect(decodes.map((d) => d.epoch)).toEqual([1, 2]);
    const [first, last] = await Promise.all(decodes.map((d) => d.images));
    expect(first).not.toEqual(before);
    expect(last).not.toEqual(first);
    // The live copy is gone and disposed with the run's end: no tensors left behind on this thread.
    expect(tf.memory().numTensors).toBe(tensors);
    const saved = await call<{ images: Uint8Array }>(host, 'decode', { points: POINTS, runId });
    expect(saved.images).toEqual(last);
  }, 120_000);

  it('keeps a pause sent right after the start: the run waits until it is resumed, then completes', async () => {
    let progress = 0;
    const off = host.on('trainProgress', () => (progress += 1));
    let ended: EventMap['trainEnd'] | null = null;
    const end = waitFor('trainEnd').then((e) => (ended = e));
    await call(host, 'startTraining', { config: { ...base, epochs: 1, limit: 1_000 } });
    expect((await call<{ status: string }>(host, 'pauseTraining')).status).toBe('paused');
    // Far longer than this run takes unpaused; a pause lost while the worker built the model would end it here.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(ended).toBeNull();
    // A pause takes effect between batches: at most the batch already under way reports.
    expect(progress).toBeLessThanOrEqual(1);
    expect((await call<{ training: { status: string } }>(host, 'info')).training.status).toBe('paused');
    await call(host, 'resumeTraining');
    await end;
    off();
    expect(ended!.outcome).toBe('complete');
  }, 60_000);

  it('ends a run whose worker dies with a failed trainEnd, and frees the engine for the next run', async () => {
    const dying = join(runsDir, 'dying-worker.mjs');
    writeFileSync(
      dying,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.postMessage({ type: 'ready', backend: 'wasm' });\n" +
        "parentPort.on('message', (m) => { if (m.type === 'start') process.exit(3); });\n",
    );
    const s = createSession({ runsDir, backend: currentBackend, version: 'test', trainWorker: dying });
    const h = createHost(s);
    const ended = new Promise<EventMap['trainEnd']>((resolve) => h.on('trainEnd', resolve));
    const { runId } = await call<{ runId: string }>(h, 'startTraining', { config: base });
    expect(await ended).toMatchObject({ runId, outcome: 'failed', message: expect.stringContaining('exited (code 3)') });
    expect((await call<{ training: unknown }>(h, 'info')).training).toBeNull();
    await expect(call(h, 'decode', { points: POINTS, runId })).rejects.toThrow(/not-found/);
    const again = new Promise<EventMap['trainEnd']>((resolve) => h.on('trainEnd', resolve));
    const next = await call<{ runId: string }>(h, 'startTraining', { config: base });
    expect((await again).runId).toBe(next.runId);
    await s.dispose();
  }, 60_000);

  it('settled(ms) terminates a worker that ignores the cancel, and the run ends failed', async () => {
    const deaf = join(runsDir, 'deaf-worker.mjs');
    writeFileSync(
      deaf,
      "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ type: 'ready', backend: 'wasm' });\nparentPort.on('message', () => {});\n",
    );
    const s = createSession({ runsDir, backend: currentBackend, version: 'test', trainWorker: deaf });
    const h = createHost(s);
    const ended = new Promise<EventMap['trainEnd']>((resolve) => h.on('trainEnd', resolve));
    await call(h, 'startTraining', { config: base });
    s.training.cancel();
    await s.training.settled(50);
    expect((await ended).outcome).toBe('failed');
    expect(s.training.activeRunId).toBeNull();
    await s.dispose();
  }, 60_000);

  it('fails the training request with a clear error when the worker cannot start, and stays free for the next one', async () => {
    const runsBefore = await call<unknown[]>(host, 'listRuns');
    const broken = join(runsDir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no backend today');\n");
    for (const [path, why] of [
      [join(runsDir, 'missing.mjs'), 'does not exist'],
      [broken, 'no backend today'],
    ] as const) {
      const h = createHost(createSession({ runsDir, backend: currentBackend, version: 'test', trainWorker: path }));
      const result = await h.handle('startTraining', { config: base });
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      const message = (result as { error: { message: string } }).error.message;
      expect(message).toContain('training worker could not start');
      expect(message).toContain(why);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect((await call<{ training: unknown }>(h, 'info')).training).toBeNull();
      // Not `busy`: the failed start left no run behind.
      expect(await h.handle('startTraining', { config: base })).toMatchObject({ ok: false, error: { code: 'internal' } });
    }
    expect(await call<unknown[]>(host, 'listRuns')).toEqual(runsBefore);
  }, 60_000);
});
