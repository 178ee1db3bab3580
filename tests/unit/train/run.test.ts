import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { currentBackend } from '../../../src/model/backend.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import type { Dataset } from '../../../src/pure/data/types.js';
import { readRunRecord, type RunRecord } from '../../../src/runs/index.js';
import { TrainController } from '../../../src/train/controller.js';
import { runTraining, type EpochEnd } from '../../../src/train/run.js';
import { resolveWorkerPath } from '../../../src/workers/train/client.js';
import { runJob } from '../../../src/workers/train/job.js';
import type { FromWorker } from '../../../src/workers/train/protocol.js';

/** A tiny dense 2-D model on the first 512 training images: seconds per run. */
const config = { ...defaultTrainConfig('dense', { hidden: [32], epochs: 2, batchSize: 64, seed: 3 }), limit: 512 };
delete (config as { name?: string }).name;

let root: string;
let mnist: Dataset;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'run-test-'));
  mnist = await loadMnist();
});
afterAll(() => rm(root, { recursive: true, force: true }));

/**
 * The fields two runs of one config must share: not the times, and of the files only the weights (model.json
 * holds layer names, which TF.js numbers per process).
 */
const comparable = (r: RunRecord) => ({
  ...r,
  createdAt: null,
  finishedAt: null,
  durationMs: null,
  samplesPerSec: null,
  checksums: { encoder: r.checksums?.encoder.weights, decoder: r.checksums?.decoder.weights },
});

describe('runTraining: one training run for the CLI and the worker', () => {
  it('the CLI and the training worker save equal records (and equal weights) for one seed and config', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await main([
      'train',
      ...['--arch', 'dense', '--hidden', '32', '--latent', '2', '--epochs', '2', '--batch', '64', '--seed', '3', '--limit', '512'],
      ...['--out', join(root, 'cli', 'same'), '--quiet'],
    ]);
    log.mockRestore();
    expect(code).toBe(0);
    const fromCli = await readRunRecord(join(root, 'cli', 'same'));

    const posted: FromWorker[] = [];
    const end = await runJob(
      {
        runId: 'same',
        dir: join(root, 'worker', 'same'),
        config: fromCli.config,
        dataset: mnist,
        createdAt: new Date().toISOString(),
        backend: currentBackend(),
        resume: null,
        subsetSize: 100,
        subsetEvery: 4,
        progressEvery: 2,
        snapshotMs: 1_000,
        peerPath: resolveWorkerPath(),
      },
      new TrainController(),
      (m) => posted.push(m),
    );
    expect(end.outcome).toBe('complete');
    const fromWorker = await readRunRecord(join(root, 'worker', 'same'));
    expect(end).toEqual({ outcome: 'complete', record: expect.objectContaining({ metrics: fromWorker.metrics }) });
    // One record builder: the same name ("dense 2-D"), history, scores and model files (checksums).
    expect(fromWorker.name).toBe('dense 2-D');
    expect(comparable(fromWorker)).toEqual(comparable(fromCli));
    expect(comparable(fromWorker).checksums.encoder).toMatch(/^[0-9a-f]{64}$/);
    // The worker's own I/O went through the hooks: weights, subset codes, progress and every epoch's codes.
    const types = new Set(posted.map((m) => m.type));
    for (const t of ['weights', 'subsetCodes', 'progress', 'epochCodes']) expect(types).toContain(t);
    expect(posted.filter((m) => m.type === 'epochCodes').map((m) => (m as { epoch: number }).epoch)).toEqual([1, 2]);
  });

  it('calls the per-epoch hook once per epoch with shared codes, and a resumed run continues the checkpoint', async () => {
    const dir = join(root, 'resumed');
    const seen: { epoch: number; first: Float32Array; again: Float32Array; history: number }[] = [];
    const onEpochEnd = ({ epoch, codes, history }: EpochEnd) =>
      void seen.push({ epoch, first: codes(), again: codes(), history: history.length });
    const createdAt = '2026-01-02T03:04:05.000Z';
    const ctx = { runId: 'resumed', dir, dataset: mnist, backend: currentBackend(), createdAt, resume: null };
    const first = await runTraining({ ...ctx, config: { ...config, epochs: 1 } }, { onEpochEnd });
    expect(first.outcome).toBe('complete');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.first).toBe(seen[0]!.again);
    expect(seen[0]!.first.length).toBe((mnist.train.count + mnist.test.count) * 2);

    // A checkpoint to resume: a 3-epoch run cancelled after epoch 1 keeps it, and the outcome says so.
    const cpDir = join(root, 'checkpointed');
    const stop = new TrainController();
    const partial = await runTraining(
      { ...ctx, dir: cpDir, config: { ...config, epochs: 3 }, controller: stop },
      { onEpochEnd: ({ epoch }) => void (epoch === 1 && stop.cancel()) },
    );
    expect(partial).toMatchObject({ outcome: 'cancelled', epochsDone: 1 });
    const cp = await readRunRecord(cpDir);
    expect(cp.status).toBe('checkpoint');
    const resumed = await runTraining(
      {
        ...ctx,
        dir: cpDir,
        config: { ...config, epochs: 2 },
        resume: { name: 'kept name', createdAt, durationMs: cp.durationMs, history: cp.history },
      },
      { onEpochEnd },
    );
    expect(resumed.outcome).toBe('complete');
    const record = resumed.outcome === 'complete' ? resumed.record : null;
    expect(record).toMatchObject({ name: 'kept name', createdAt, status: 'complete' });
    expect(record!.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(record!.history[0]).toEqual(cp.history[0]);
    expect(record!.durationMs).toBeGreaterThan(cp.durationMs);
    expect(seen.map((s) => [s.epoch, s.history]).slice(-1)).toEqual([[2, 1]]);
  });
});
