/**
 * The teaching requests through the real host and session, on models trained here on MNIST slices: kernels
 * are the encoder's own first-layer weights, denoise runs the model on exactly the corrupted bytes it returns,
 * a linear autoencoder's decoder spans (nearly) PCA's subspace, and reports agree with `reconstruct`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IMAGE_PIXELS,
  PATCH_GREY,
  type DenoiseResult,
  type EventMap,
  type KernelPage,
  type PcaComparison,
  type ReconstructionReport,
  type TrainConfig,
} from '../../../src/pure/api/api.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { corruptImage } from '../../../src/pure/teach/lesson-maths.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { decodeCodes, encodeAll, fitPca, principalAngles } from '../../../src/latent/index.js';
import { currentBackend } from '../../../src/model/backend.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { loadRun } from '../../../src/runs/index.js';

let session: Session;
let host: Host;
let runsDir: string;
let denoisingId: string;
let linearId: string;

async function call<T = unknown>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function train(config: TrainConfig): Promise<string> {
  const ended = new Promise<EventMap['trainEnd']>((resolve) => {
    const off = host.on('trainEnd', (e) => (off(), resolve(e)));
  });
  const { runId } = await call<{ runId: string }>('startTraining', { config });
  const end = await ended;
  expect(end.outcome).toBe('complete');
  return runId;
}

beforeAll(async () => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-teach-'));
  session = createSession({ runsDir, backend: currentBackend, version: 'test', subsetEvery: 1000 });
  host = createHost(session);
  denoisingId = await train(
    defaultTrainConfig('denoising', {
      name: 'denoise',
      hidden: [32],
      latent: 4,
      epochs: 1,
      limit: 2_000,
      batchSize: 100,
      learningRate: 0.003,
    }),
  );
  linearId = await train(
    defaultTrainConfig('linear', { name: 'linear', latent: 3, epochs: 4, limit: 6_000, batchSize: 64, learningRate: 0.01 }),
  );
  await call('openRun', { id: denoisingId });
});

afterAll(async () => {
  await session?.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

describe('teach handlers', () => {
  it('kernels pages through the first encoder layer: unit u of page p is column p*size+u of its kernel', async () => {
    const run = await loadRun(join(runsDir, denoisingId));
    const kernel = run.encoder.layers
      .find((l) => l.getWeights()[0]?.shape[0] === IMAGE_PIXELS)!
      .getWeights()[0]!
      .arraySync() as number[][];
    const page = await call<KernelPage>('kernels', { runId: denoisingId, page: 1, pageSize: 10 });
    expect(page).toMatchObject({ side: 28, units: 32, offset: 10, count: 10 });
    expect(page.kernels.length).toBe(10 * IMAGE_PIXELS);
    for (const [u, p] of [
      [0, 0],
      [3, 400],
      [9, 783],
    ])
      expect(page.kernels[u * IMAGE_PIXELS + p]).toBeCloseTo(kernel[p][10 + u], 6);
    const last = await call<KernelPage>('kernels', { runId: denoisingId, page: 3, pageSize: 10 });
    expect([last.offset, last.count, last.limit]).toEqual([30, 2, page.limit]);
    expect(page.limit).toBeGreaterThan(0);
    expect(await host.handle('kernels', { runId: denoisingId, page: 4, pageSize: 10 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    run.encoder.dispose();
    run.decoder.dispose();
  });

  it('denoise corrupts the image as corruptImage does and returns the model output for exactly those bytes', async () => {
    const run = await loadRun(join(runsDir, denoisingId));
    const before = tf.memory().numTensors;
    const mask = new Uint8Array(IMAGE_PIXELS);
    for (let y = 10; y < 16; y++) for (let x = 8; x < 20; x++) mask[y * 28 + x] = 1;
    const res = await call<DenoiseResult>('denoise', { index: 60_003, kind: 'dropout', level: 0.5, mask, seed: 11 });
    expect(tf.memory().numTensors).toBe(before);
    expect(res.corrupted).toEqual(corruptImage(res.original, 'dropout', 0.5, 11, mask));
    expect(res.corrupted[12 * 28 + 10]).toBe(PATCH_GREY);
    const zeroed = [...res.original].filter((v, p) => v > 0 && !mask[p] && res.corrupted[p] === 0).length;
    const inked = [...res.original].filter((v, p) => v > 0 && !mask[p]).length;
    expect(zeroed / inked).toBeGreaterThan(0.3);
    expect(zeroed / inked).toBeLessThan(0.7);
    expect(res.output).toEqual(decodeCodes(run.decoder, encodeAll(run.encoder, res.corrupted, 1), 4));
    expect(res.outputError).toBeGreaterThan(0);
    const clean = await call<DenoiseResult>('denoise', { index: 60_003, kind: 'none', level: 0.9 });
    expect(clean.corrupted).toEqual(clean.original);
    expect(clean.corruptedError).toBe(0);
    run.encoder.dispose();
    run.decoder.dispose();
  });

  it('pcaCompare: a trained linear AE decoder spans nearly the top-d PCA subspace, with PCA and AE errors close', async () => {
    const res = await call<PcaComparison>('pcaCompare', { runId: linearId, fit: 3_000, points: 500, strip: 6 });
    console.log(
      'linear AE vs PCA:',
      Array.from(res.angles, (a) => a.toFixed(2)),
      'explained',
      res.explained.toFixed(3),
      'mse',
      res.pcaMse.toFixed(4),
      res.aeMse.toFixed(4),
    );
    expect(res.k).toBe(3);
    expect(res.linear).toBe(true);
    expect(res.angles.length).toBe(3);
    expect([...res.angles]).toEqual([...res.angles].sort((a, b) => a - b));
    expect(res.angles[2]).toBeLessThan(30);
    expect(res.explained).toBeGreaterThan(0.1);
    expect(res.explained).toBeLessThan(0.5);
    expect(res.pcaMse).toBeLessThanOrEqual(res.aeMse * 1.02);
    expect(res.aeMse).toBeLessThan(res.pcaMse * 1.5);
    expect([res.indices.length, res.pcaPlane.length, res.codePlane.length, res.originals.length, res.aeImages.length]).toEqual([
      500,
      1000,
      1000,
      6 * 784,
      6 * 784,
    ]);
    expect(res.indices[0]).toBe(60_000);
    // The same angles from the engine's own pieces: the decoder's kernel against PCA fitted to the same images.
    const run = await loadRun(join(runsDir, linearId));
    const kernel = run.decoder.layers
      .find((l) => l.getWeights()[0])!
      .getWeights()[0]!
      .dataSync();
    const mnist = await loadMnist();
    const x = Float32Array.from(mnist.train.images.subarray(0, 3_000 * IMAGE_PIXELS), (v) => v / 255);
    const pca = fitPca(x, 3_000, IMAGE_PIXELS, 3);
    const angles = principalAngles(kernel, pca.components, IMAGE_PIXELS, 3);
    for (let i = 0; i < 3; i++) expect(res.angles[i]).toBeCloseTo(angles[i], 3);
    // A random subspace of the same size sits far from PCA's: small angles are not an artefact of the measure.
    const random = Float64Array.from({ length: 3 * IMAGE_PIXELS }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
    expect(principalAngles(random, pca.components, IMAGE_PIXELS, 3)[0]).toBeGreaterThan(60);
    run.encoder.dispose();
    run.decoder.dispose();
  });

  it('pcaCompare on a non-linear dense model answers but says its decoder is not linear', async () => {
    const res = await call<PcaComparison>('pcaCompare', { runId: denoisingId, fit: 3_000, points: 20, strip: 2 });
    expect(res.linear).toBe(false);
    expect(res.angles.length).toBe(4);
  });

  it('reconstructionReport gives the same per-image errors as reconstruct, and class means of them', async () => {
    const report = await call<ReconstructionReport>('reconstructionReport', { runId: denoisingId, split: 'test', limit: 300 });
    expect(report.metric).toBe('bce');
    expect(report.indices[0]).toBe(60_000);
    expect(report.indices.length).toBe(300);
    const some = report.indices.slice(0, 40);
    const rec = await call<{ errors: Float32Array }>('reconstruct', { indices: some, runId: denoisingId });
    for (let i = 0; i < 40; i++) expect(report.errors[i]).toBeCloseTo(rec.errors[i], 5);
    const sevens = [...report.errors].filter((_, i) => report.labels[i] === 7);
    expect(report.classCounts[7]).toBe(sevens.length);
    expect(report.classMeans[7]).toBeCloseTo(sevens.reduce((a, b) => a + b, 0) / sevens.length, 5);
    expect([...report.classCounts].reduce((a, b) => a + b, 0)).toBe(300);
    const mse = await call<ReconstructionReport>('reconstructionReport', { runId: denoisingId, split: 'train', limit: 50, metric: 'mse' });
    expect(mse.metric).toBe('mse');
    expect(mse.indices[49]).toBe(49);
    expect(mse.mean).toBeLessThan(report.mean);
    expect(await host.handle('reconstructionReport', { split: 'test', limit: 20_000 })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});
