/**
 * The lab picks its classifier by the run's dataset: a Fashion-MNIST run is shaded by the shipped Fashion
 * classifier (`assets/classifier-fashion/`), whose record's test accuracy its weights reproduce.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFashionMnist } from '../../../src/data/fashion-mnist.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { classifyImages } from '../../../src/latent/classify.js';
import { currentBackend } from '../../../src/model/backend.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { classifierFolder } from '../../../src/model/classifier.js';
import { gridPoints } from '../../../src/pure/latent/grid.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { saveRun } from '../../../src/runs/index.js';
import { loadModelFiles } from '../../../src/runs/model-files.js';

const ASSETS = fileURLToPath(new URL('../../../assets', import.meta.url));
const FASHION = join(ASSETS, 'classifier-fashion');
let runsDir: string;
let session: Session;
let host: Host;

async function call<T>(method: string, arg?: unknown): Promise<T> {
  const r = await host.handle(method, arg);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-clf-fashion-'));
  const config = {
    ...defaultTrainConfig('dense', { hidden: [16], latent: 2, epochs: 1, limit: 100, seed: 4 }),
    dataset: 'fashion-mnist' as const,
  };
  const ae = buildAutoencoder(config, 4);
  await saveRun(join(runsDir, 'clothes'), ae, {
    version: 1,
    id: 'clothes',
    name: 'clothes',
    config,
    dataset: 'fashion-mnist',
    backend: 'wasm',
    history: [{ epoch: 1, loss: 0.3, testLoss: 0.3 }],
    metrics: { testLoss: 0.3, knn: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    durationMs: 1000,
    status: 'complete',
  });
  ae.dispose();
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
});
afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

describe('the Fashion-MNIST classifier', () => {
  it('classifierFolder maps each built-in dataset to its shipped folder, and imported sets to none', () => {
    expect(classifierFolder('mnist')).toBe('classifier-mnist');
    expect(classifierFolder('fashion-mnist')).toBe('classifier-fashion');
    expect(classifierFolder('user:letters')).toBeNull();
  });

  it('records a test accuracy of at least 0.90 on the 10,000 test images, which its weights reproduce', async () => {
    const record = JSON.parse(readFileSync(join(FASHION, 'classifier.json'), 'utf8')) as {
      dataset: string;
      testAccuracy: number;
      testImages: number;
      classNames: string[];
    };
    expect(record.dataset).toBe('fashion-mnist');
    expect(record.testImages).toBe(10_000);
    expect(record.classNames).toHaveLength(10);
    expect(record.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(readFileSync(join(FASHION, 'weights.bin')).length).toBeLessThan(1_000_000);
    const model = await loadModelFiles(FASHION);
    const fashion = await loadFashionMnist();
    const { labels } = classifyImages(model, fashion.test.images, fashion.test.count);
    let right = 0;
    for (let i = 0; i < fashion.test.count; i++) if (labels[i] === fashion.test.labels[i]) right++;
    expect(right / fashion.test.count).toBeCloseTo(record.testAccuracy, 6);
    model.dispose();
  }, 60_000);

  it("a Fashion run's shading is the Fashion classifier's prediction on the decoder output, not the MNIST one's", async () => {
    await call('openRun', { id: 'clothes' });
    const info = await call<{ dataset: string; available: boolean; accuracy: number }>('classifierInfo', { runId: 'clothes' });
    expect(info.dataset).toBe('fashion-mnist');
    expect(info.available).toBe(true);
    expect(info.accuracy).toBeGreaterThanOrEqual(0.9);
    const codes = gridPoints(-3, 3, -3, 3, 8);
    const shade = await call<{ labels: Uint8Array; confidence: Float32Array }>('classifyCodes', { codes, runId: 'clothes' });
    const { images } = await call<{ images: Uint8Array }>('decodeLatent', { codes, runId: 'clothes' });
    const [fashionModel, mnistModel] = await Promise.all([loadModelFiles(FASHION), loadModelFiles(join(ASSETS, 'classifier-mnist'))]);
    const byFashion = classifyImages(fashionModel, images, 64);
    const byMnist = classifyImages(mnistModel, images, 64);
    fashionModel.dispose();
    mnistModel.dispose();
    expect(shade.labels).toEqual(byFashion.labels);
    shade.confidence.forEach((c, i) => expect(c).toBeCloseTo(byFashion.confidence[i]!, 5));
    expect(Array.from(shade.confidence).some((c, i) => Math.abs(c - byMnist.confidence[i]!) > 1e-3)).toBe(true);
  });
});
