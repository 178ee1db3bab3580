/**
 * The shipped MNIST classifier through the real session on the shipped model: its record's test accuracy, the
 * lattice shading equal to the classifier's prediction on the decoder's output, flips along a path.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { DEFAULT_RUN_DIR } from '../../../src/host/start.js';
import { classifyImages } from '../../../src/latent/classify.js';
import { currentBackend } from '../../../src/model/backend.js';
import { flipPoints } from '../../../src/pure/latent/classifier-view.js';
import { pathThrough } from '../../../src/pure/latent/free-path.js';
import { gridPoints } from '../../../src/pure/latent/grid.js';
import { loadModelFiles } from '../../../src/runs/model-files.js';

const DIR = fileURLToPath(new URL('../../../assets/classifier-mnist', import.meta.url));
let runsDir: string;
let session: Session;
let host: Host;

async function call<T>(method: string, arg?: unknown): Promise<T> {
  const r = await host.handle(method, arg);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(() => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-clf-'));
  session = createSession({ runsDir, defaultRunDir: DEFAULT_RUN_DIR, backend: currentBackend, version: 'test' });
  host = createHost(session);
});
afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

describe('the shipped classifier', () => {
  it('records a test accuracy of at least 0.98, which its weights reproduce on the test split', async () => {
    const record = JSON.parse(readFileSync(join(DIR, 'classifier.json'), 'utf8')) as {
      testAccuracy: number;
      testImages: number;
      weights: number;
    };
    expect(record.testImages).toBe(10_000);
    expect(record.testAccuracy).toBeGreaterThanOrEqual(0.98);
    const size = readFileSync(join(DIR, 'weights.bin')).length;
    expect(size).toBeLessThan(1_000_000);
    const model = await loadModelFiles(DIR);
    const mnist = await loadMnist();
    const { labels } = classifyImages(model, mnist.test.images, mnist.test.count);
    let right = 0;
    for (let i = 0; i < mnist.test.count; i++) if (labels[i] === mnist.test.labels[i]) right++;
    expect(right / mnist.test.count).toBeCloseTo(record.testAccuracy, 6);
    model.dispose();
  }, 60_000);

  it('shades each lattice point by the prediction on the decoder output there', async () => {
    await call('openRun', { id: 'default' });
    const info = await call<{ available: boolean; accuracy: number }>('classifierInfo');
    expect(info.available).toBe(true);
    const codes = gridPoints(-3, 3, -3, 3, 12);
    const shade = await call<{ labels: Uint8Array; confidence: Float32Array }>('classifyCodes', { codes });
    const { images } = await call<{ images: Uint8Array }>('decodeLatent', { codes });
    const model = await loadModelFiles(DIR);
    const direct = classifyImages(model, images, 144);
    model.dispose();
    expect(shade.labels).toEqual(direct.labels);
    expect(new Set(shade.labels).size).toBeGreaterThan(2);
    shade.confidence.forEach((c, i) => expect(c).toBeCloseTo(direct.confidence[i]!, 5));
  });

  it('finds where the prediction flips along a path between two class centroids', async () => {
    const { centroids, d } = await call<{ centroids: Float32Array; d: number }>('classCentroids');
    const path = pathThrough(
      Float32Array.from([...centroids.subarray(4 * d, 5 * d), ...centroids.subarray(9 * d, 10 * d), ...centroids.subarray(1 * d, 2 * d)]),
      d,
      16,
      'linear',
    );
    const { labels } = await call<{ labels: Uint8Array }>('classifyCodes', { codes: path });
    const flips = flipPoints(labels);
    expect(flips.length).toBeGreaterThan(0);
    for (const f of flips) expect(labels[f.index]).not.toBe(labels[f.index + 1]);
  });

  it('says so when a dataset has no classifier', async () => {
    const empty = createSession({ runsDir, defaultRunDir: DEFAULT_RUN_DIR, backend: currentBackend, version: 'test', assetsDir: runsDir });
    const h = createHost(empty);
    await h.handle('openRun', { id: 'default' });
    expect(await h.handle('classifierInfo', undefined)).toMatchObject({ ok: true, value: { available: false } });
    expect(await h.handle('classifyCodes', { codes: new Float32Array(2) })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await empty.dispose();
  });
});
