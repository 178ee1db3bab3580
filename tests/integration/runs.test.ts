import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillRange, sliceSet } from '../../src/pure/data/batches.js';
import { loadMnist } from '../../src/data/mnist.js';
import type { ImageSet } from '../../src/pure/data/types.js';
import { buildAutoencoder } from '../../src/model/build.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import type { Arch } from '../../src/pure/model/types.js';
import {
  RunError,
  deleteRun,
  hasTrainState,
  listRuns,
  loadRun,
  renameRun,
  restoreTrainState,
  saveRun,
  toRunSummary,
  type RunRecord,
} from '../../src/runs/index.js';
import { evaluateLoss } from '../../src/train/evaluate.js';
import { train } from '../../src/train/loop.js';

let root: string;
let data: { train: ImageSet; test: ImageSet };

function record(id: string, arch: Arch, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    version: 1,
    id,
    name: `run ${id}`,
    config: defaultTrainConfig(arch, { hidden: [32], filters: [4, 8], epochs: 1, limit: 300 }),
    dataset: 'mnist',
    backend: 'wasm',
    history: [{ epoch: 1, loss: 0.3, testLoss: 0.31 }],
    metrics: { testLoss: 0.31, knn: null },
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, Number(id.replace(/\D/g, '') || 0))).toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: 1234,
    status: 'complete',
    ...extra,
  };
}

/** Trains a small model briefly, so saved weights differ from any seed's initial weights. */
async function trained(arch: Arch) {
  const rec = record('x', arch);
  const ae = buildAutoencoder(rec.config, 2);
  await train(ae, data, { learningRate: 3e-3, batchSize: 50, epochs: 1, seed: 1, limit: 300, testLimit: 100 });
  return ae;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'runs-test-'));
  const mnist = await loadMnist();
  data = { train: mnist.train, test: sliceSet(mnist.test, 100) };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saveRun then loadRun', () => {
  it.each(['dense', 'conv', 'vae', 'tied', 'linear'] as const)(
    '%s: the loaded models decode and encode exactly as the trained ones',
    async (arch) => {
      const ae = await trained(arch);
      const dir = join(root, `roundtrip-${arch}`);
      await saveRun(dir, ae, record(`roundtrip-${arch}`, arch));
      const run = await loadRun(dir);
      expect(run.record.config.arch).toBe(arch);
      const before = tf.memory().numTensors;
      const [a, b, za, zb] = tf.tidy(() => {
        const x = tf.tensor2d(fillRange(data.test, 0, 20, new Float32Array(20 * 784)), [20, 784]);
        const points = tf.randomNormal([50, 2], 0, 2, 'float32', 7);
        return [
          (ae.decoder.predict(points) as tf.Tensor).dataSync(),
          (run.decoder.predict(points) as tf.Tensor).dataSync(),
          (ae.encoder.predict(x) as tf.Tensor).dataSync(),
          (run.encoder.predict(x) as tf.Tensor).dataSync(),
        ];
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(b).toEqual(a);
      expect(zb).toEqual(za);
      run.encoder.dispose();
      run.decoder.dispose();
      ae.dispose();
    },
  );

  it('writes stock TF.js layers-model files: model.json with a weights manifest, weights.bin', async () => {
    const dir = join(root, 'roundtrip-dense');
    const json = JSON.parse(await readFile(join(dir, 'decoder', 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology.class_name).toBe('Model');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect((await readdir(dir)).sort()).toEqual(['decoder', 'encoder', 'run.json']);
  });

  it('stock tf.loadLayersModel loads a saved decoder over HTTP', async () => {
    const dir = join(root, 'roundtrip-dense');
    const server = createServer((req, res) => {
      readFile(join(dir, req.url!.slice(1))).then(
        (body) => res.end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const decoder = await tf.loadLayersModel(`http://127.0.0.1:${port}/decoder/model.json`);
      const run = await loadRun(dir);
      const [a, b] = tf.tidy(() => {
        const points = tf.tensor2d([
          [0, 0],
          [1, -1],
        ]);
        return [(decoder.predict(points) as tf.Tensor).dataSync(), (run.decoder.predict(points) as tf.Tensor).dataSync()];
      });
      expect(a).toEqual(b);
      for (const model of [decoder, run.encoder, run.decoder]) model.dispose();
    } finally {
      server.close();
    }
  });

  it('a checkpoint keeps the full trainable state, and restoring it reproduces the loss exactly', async () => {
    const ae = await trained('vae');
    const dir = join(root, 'checkpoint-vae');
    await saveRun(dir, ae, record('checkpoint-vae', 'vae', { status: 'checkpoint', finishedAt: null }));
    expect(await hasTrainState(dir)).toBe(true);
    const fresh = buildAutoencoder(ae.config, 99);
    await restoreTrainState(fresh, join(dir, 'state'));
    expect(evaluateLoss(fresh, data.test)).toBe(evaluateLoss(ae, data.test));
    fresh.dispose();
    ae.dispose();
  });

  it('replaces an existing run atomically and leaves no temporary folder behind', async () => {
    const ae = await trained('dense');
    const dir = join(root, 'replace');
    await saveRun(dir, ae, record('replace', 'dense', { name: 'first' }));
    await saveRun(dir, ae, record('replace', 'dense', { name: 'second' }));
    expect((await loadRun(dir).then((r) => (r.encoder.dispose(), r.decoder.dispose(), r.record))).name).toBe('second');
    expect((await readdir(root)).filter((n) => n.startsWith('replace'))).toEqual(['replace']);
    ae.dispose();
  });

  it('refuses an invalid record without writing anything', async () => {
    const ae = await trained('dense');
    const bad = { ...record('bad', 'dense'), backend: 'gpu' } as unknown as RunRecord;
    await expect(saveRun(join(root, 'bad'), ae, bad)).rejects.toThrow();
    expect((await readdir(root)).some((n) => n.startsWith('bad'))).toBe(false);
    ae.dispose();
  });

  it('loadRun of a missing folder fails with a RunError naming it', async () => {
    await expect(loadRun(join(root, 'nowhere'))).rejects.toThrow(RunError);
    await expect(loadRun(join(root, 'nowhere'))).rejects.toThrow(/nowhere: no run\.json/);
  });
});

describe('listRuns', () => {
  let lib: string;
  beforeAll(async () => {
    lib = join(root, 'library');
    await mkdir(lib);
    const ae = await trained('dense');
    for (const id of ['good-1', 'good-2', 'no-json', 'bad-json', 'bad-schema', 'cut-weights', 'no-decoder', 'future']) {
      await saveRun(join(lib, id), ae, record(id, 'dense'));
    }
    ae.dispose();
    await rm(join(lib, 'no-json', 'run.json'));
    await writeFile(join(lib, 'bad-json', 'run.json'), '{"version": 1, "id": ');
    await writeFile(join(lib, 'bad-schema', 'run.json'), JSON.stringify({ ...record('bad-schema', 'dense'), config: { arch: 'rnn' } }));
    await truncate(join(lib, 'cut-weights', 'encoder', 'weights.bin'), 100);
    await rm(join(lib, 'no-decoder', 'decoder'), { recursive: true });
    await writeFile(join(lib, 'future', 'run.json'), JSON.stringify({ ...record('future', 'dense'), version: 2 }));
    await mkdir(join(lib, 'good-3.tmp-1a2b3c4d'));
    await writeFile(join(lib, 'notes.txt'), 'not a run');
  });

  it('lists the valid runs newest first and skips corrupt or half-written folders with a reason', async () => {
    const { runs, skipped } = await listRuns(lib);
    expect(runs.map((r) => r.id)).toEqual(['good-2', 'good-1']);
    expect(runs[0]!.dir).toBe(join(lib, 'good-2'));
    const reasons = Object.fromEntries(skipped.map((s) => [s.dir.slice(lib.length + 1), s.reason]));
    expect(Object.keys(reasons).sort()).toEqual([
      'bad-json',
      'bad-schema',
      'cut-weights',
      'future',
      'good-3.tmp-1a2b3c4d',
      'no-decoder',
      'no-json',
    ]);
    expect(reasons['no-json']).toMatch(/no run\.json/);
    expect(reasons['bad-json']).toMatch(/not valid JSON/);
    expect(reasons['bad-schema']).toMatch(/config/);
    expect(reasons['cut-weights']).toMatch(/encoder: weights\.bin has 100 bytes/);
    expect(reasons['no-decoder']).toMatch(/decoder/);
    expect(reasons['future']).toMatch(/version 2/);
    expect(reasons['good-3.tmp-1a2b3c4d']).toMatch(/half-written/);
  });

  it('loadRun refuses each skipped folder with a RunError', async () => {
    for (const id of ['no-json', 'bad-json', 'bad-schema', 'cut-weights', 'no-decoder', 'future']) {
      await expect(loadRun(join(lib, id))).rejects.toBeInstanceOf(RunError);
    }
  });

  it('an absent library is empty', async () => {
    expect(await listRuns(join(root, 'no-library'))).toEqual({ runs: [], skipped: [] });
  });

  it('renameRun changes the name and deleteRun removes the folder', async () => {
    await renameRun(join(lib, 'good-1'), 'Renamed');
    let { runs } = await listRuns(lib);
    expect(runs.find((r) => r.id === 'good-1')!.name).toBe('Renamed');
    expect(toRunSummary(runs[0]!)).toMatchObject({ id: 'good-2', arch: 'dense', latent: 2, epochs: 1, testLoss: 0.31, knn: null });
    await deleteRun(join(lib, 'good-1'));
    ({ runs } = await listRuns(lib));
    expect(runs.map((r) => r.id)).toEqual(['good-2']);
  });
});
