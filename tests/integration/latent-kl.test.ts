/**
 * A VAE run keeps its variance head: a tiny 4-D VAE trained by the project's training run, saved, reloaded and
 * exported as a zip, gives through the engine the KL per dimension computed directly from its mu and log sigma^2;
 * a run saved before heads were kept loads as before and says why it has no KL.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/data/mnist.js';
import { createHost, type Host } from '../../src/host/host.js';
import { createSession, type Session } from '../../src/host/session.js';
import { encodeAll } from '../../src/latent/encode-all.js';
import { klPerDimension } from '../../src/latent/kl.js';
import { currentBackend } from '../../src/model/backend.js';
import { buildAutoencoder } from '../../src/model/build.js';
import type { LatentKl } from '../../src/pure/api/api.js';
import { sliceSet } from '../../src/pure/data/batches.js';
import type { Dataset } from '../../src/pure/data/types.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import {
  RUN_JSON,
  checkRun,
  installRun,
  loadLogVarHead,
  loadRun,
  readRunRecord,
  runFilesFromZip,
  saveRun,
  zipRun,
} from '../../src/runs/index.js';
import { LOGVAR_DIR, WEIGHTS_BIN } from '../../src/runs/model-files.js';
import { runTraining } from '../../src/train/run.js';

const config = defaultTrainConfig('vae', { hidden: [32], latent: 4, epochs: 2, batchSize: 50, limit: 400, seed: 7 });
let root: string;
let runsDir: string;
let mnist: Dataset;
let session: Session;
let host: Host;

async function call<T>(method: string, arg?: unknown): Promise<T> {
  const r = await host.handle(method, arg);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** KL_j by the formula, term by term in float64, from the two heads' outputs on every test image. */
function directKl(encoder: tf.LayersModel, head: tf.LayersModel, data: Dataset): number[] {
  const mu = encodeAll(encoder, data.test.images, data.test.count);
  const lv = encodeAll(head, data.test.images, data.test.count);
  const d = config.latent;
  const kl = new Array<number>(d).fill(0);
  for (let i = 0; i < mu.length; i++) kl[i % d]! += 0.5 * (mu[i]! ** 2 + Math.exp(lv[i]!) - lv[i]! - 1);
  return kl.map((s) => s / data.test.count);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lex-kl-'));
  runsDir = join(root, 'runs');
  mnist = await loadMnist();
  const small: Dataset = { ...mnist, train: sliceSet(mnist.train, 400), test: sliceSet(mnist.test, 300) };
  const outcome = await runTraining({
    runId: 'vae4',
    dir: join(runsDir, 'vae4'),
    config,
    dataset: small,
    backend: currentBackend(),
    createdAt: new Date().toISOString(),
    resume: null,
  });
  expect(outcome.outcome).toBe('complete');
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
}, 120_000);

afterAll(async () => {
  await session?.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('a VAE run keeps its variance head', () => {
  it('saveRun writes logvar/ beside encoder/ and decoder/, with its checksums in run.json', async () => {
    const record = await readRunRecord(join(runsDir, 'vae4'));
    expect(record.checksums?.logvar?.weights).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(runsDir, 'vae4', LOGVAR_DIR, WEIGHTS_BIN))).toBe(true);
  });

  it('latentKl over the test split equals the KL computed directly from the reloaded heads, in nats', async () => {
    const dir = join(runsDir, 'vae4');
    const run = await loadRun(dir);
    const head = (await loadLogVarHead(dir, run.record))!;
    const direct = directKl(run.encoder, head, mnist);
    const viaKl = klPerDimension(run.encoder, head, mnist.test.images, mnist.test.count);
    for (const m of [run.encoder, run.decoder, head]) m.dispose();
    const answer = await call<LatentKl>('latentKl', { runId: 'vae4' });
    if (!answer.available) throw new Error(`unavailable: ${answer.reason}`);
    expect(answer.images).toBe(10_000);
    expect(answer.kl.length).toBe(4);
    for (let j = 0; j < 4; j++) {
      expect(answer.kl[j]).toBeCloseTo(direct[j]!, 4);
      expect(viaKl[j]).toBeCloseTo(direct[j]!, 5);
      expect(answer.kl[j]).toBeGreaterThanOrEqual(0);
    }
    expect(answer.total).toBeCloseTo(
      direct.reduce((a, b) => a + b, 0),
      3,
    );
    // Trained heads are not the prior: a KL of zero everywhere would mean the head was not the trained one.
    expect(Math.max(...answer.kl)).toBeGreaterThan(0.001);
  });

  it('the run travels with its head: a zip export and import carry logvar/ and its checksums', async () => {
    const files = runFilesFromZip(await zipRun(join(runsDir, 'vae4')));
    expect([...files.keys()].filter((k) => k.startsWith(`${LOGVAR_DIR}/`)).sort()).toEqual([
      `${LOGVAR_DIR}/model.json`,
      `${LOGVAR_DIR}/weights.bin`,
    ]);
    const installed = await installRun(join(root, 'other-library'), files);
    const dir = join(root, 'other-library', installed.id);
    expect(installed.checksums?.logvar).toEqual((await readRunRecord(join(runsDir, 'vae4'))).checksums?.logvar);
    const head = await loadLogVarHead(dir, installed);
    expect(head?.outputs[0]!.shape).toEqual([null, 4]);
    head?.dispose();
  });

  it('a damaged head makes the run corrupt, as a damaged encoder does', async () => {
    const dir = join(runsDir, 'vae4-damaged');
    await cp(join(runsDir, 'vae4'), dir, { recursive: true });
    const bytes = await readFile(join(dir, LOGVAR_DIR, WEIGHTS_BIN));
    bytes[0] = bytes[0]! ^ 0xff;
    await writeFile(join(dir, LOGVAR_DIR, WEIGHTS_BIN), bytes);
    await expect(checkRun(dir)).rejects.toThrow(/logvar: weights.bin does not match the checksum/);
    await rm(dir, { recursive: true });
  });

  it('a VAE saved without its head (an older run) loads as before and reports KL unavailable: no-head', async () => {
    const dir = join(runsDir, 'vae4-old');
    await cp(join(runsDir, 'vae4'), dir, { recursive: true });
    await rm(join(dir, LOGVAR_DIR), { recursive: true });
    const record = JSON.parse(await readFile(join(dir, RUN_JSON), 'utf8')) as { id: string; checksums: Record<string, unknown> };
    delete record.checksums.logvar;
    record.id = 'vae4-old';
    await writeFile(join(dir, RUN_JSON), JSON.stringify(record));
    const run = await loadRun(dir);
    expect(await loadLogVarHead(dir, run.record)).toBeNull();
    run.encoder.dispose();
    run.decoder.dispose();
    await call('openRun', { id: 'vae4-old' });
    expect(await call<LatentKl>('latentKl', { runId: 'vae4-old' })).toEqual({ available: false, reason: 'no-head' });
    // It still explores as before.
    const plane = await call<{ d: number }>('latentPlane', { runId: 'vae4-old', plane: { kind: 'pca', i: 0, j: 1 } });
    expect(plane.d).toBe(4);
  });

  it('a run of another architecture reports KL unavailable: not-vae', async () => {
    const dense = defaultTrainConfig('dense', { hidden: [16], latent: 2, epochs: 1, limit: 100 });
    const ae = buildAutoencoder(dense, 3);
    await saveRun(join(runsDir, 'dense2'), ae, {
      version: 1,
      id: 'dense2',
      name: 'dense2',
      config: dense,
      dataset: 'mnist',
      backend: 'wasm',
      history: [{ epoch: 1, loss: 0.3, testLoss: 0.3 }],
      metrics: { testLoss: 0.3, knn: null },
      createdAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      durationMs: 1000,
      status: 'complete',
    });
    ae.dispose();
    expect(existsSync(join(runsDir, 'dense2', LOGVAR_DIR))).toBe(false);
    expect(await call<LatentKl>('latentKl', { runId: 'dense2' })).toEqual({ available: false, reason: 'not-vae' });
  });
});
