/**
 * The latent lab's requests through the real host and session on a saved 4-D model: planes of any two principal
 * components, decode of raw codes, class centroids, seeded prior samples, encode of raw images.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassCentroids, Embedding, InpaintReport, LatentPlaneView, TransformPath } from '../../../src/pure/api/api.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { halfMask } from '../../../src/pure/latent/masks.js';
import { transformSeries } from '../../../src/pure/latent/transform.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { liftFrom, projectOnto } from '../../../src/pure/latent/plane-basis.js';
import { saveRun } from '../../../src/runs/index.js';

const config = defaultTrainConfig('vae', { hidden: [32], latent: 4, epochs: 1, limit: 200 });
let runsDir: string;
let session: Session;
let host: Host;

async function call<T>(method: string, arg?: unknown): Promise<T> {
  const r = await host.handle(method, arg);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-lab-'));
  const ae = buildAutoencoder(config, 5);
  await saveRun(join(runsDir, 'v4'), ae, {
    version: 1,
    id: 'v4',
    name: 'v4',
    config,
    dataset: 'mnist',
    backend: 'wasm',
    history: [{ epoch: 1, loss: 0.3, testLoss: 0.3 }],
    metrics: { testLoss: 0.3, knn: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    durationMs: 1000,
    status: 'complete',
  });
  ae.dispose?.();
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
  await call('openRun', { id: 'v4' });
}, 60_000);

afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

describe('latent lab requests', () => {
  it('the plane of principal components 3 and 4 places every sample by its code, and decodes its points as codes', async () => {
    const view = await call<LatentPlaneView>('latentPlane', { plane: { kind: 'pca', i: 2, j: 3 } });
    expect(view.d).toBe(4);
    expect(view.x.length).toBe(70_000);
    const picks = new Uint32Array([0, 17, 65_001]);
    const { codes } = await call<{ codes: Float32Array }>('latentCodes', { indices: picks });
    const xy = projectOnto(view, codes);
    picks.forEach((k, i) => {
      expect(view.x[k]).toBeCloseTo(xy[2 * i]!, 5);
      expect(view.y[k]).toBeCloseTo(xy[2 * i + 1]!, 5);
    });
    // The explained variances are sorted, and the chosen plane differs from the first one.
    expect(view.explained[2]!).toBeGreaterThanOrEqual(view.explained[3]!);
    const first = await call<LatentPlaneView>('latentPlane', { plane: { kind: 'pca', i: 0, j: 1 } });
    expect(first.x[17]).not.toBeCloseTo(view.x[17]!, 3);
    const point = liftFrom(view, [0.4, -0.3]);
    const a = await call<{ images: Uint8Array }>('decodeLatent', { codes: point });
    const b = await call<{ images: Uint8Array }>('decodeLatent', { codes: liftFrom(view, [0.4, -0.3]) });
    expect(a.images.length).toBe(784);
    expect(a.images).toEqual(b.images);
  });

  it('the plane through three samples passes through their codes', async () => {
    const view = await call<LatentPlaneView>('latentPlane', { plane: { kind: 'samples', indices: [3, 4, 5] } });
    const { codes } = await call<{ codes: Float32Array }>('latentCodes', { indices: new Uint32Array([3, 4, 5]) });
    for (let s = 0; s < 3; s++) {
      const lifted = liftFrom(view, [view.x[3 + s]!, view.y[3 + s]!]);
      for (let k = 0; k < 4; k++) expect(lifted[k]).toBeCloseTo(codes[s * 4 + k]!, 4);
    }
    const same = await host.handle('latentPlane', { plane: { kind: 'samples', indices: [3, 3, 5] } });
    expect(same).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('the decode of a class centroid equals the decode of the mean code of that class', async () => {
    const emb = await call<Embedding>('embedding');
    const cents = await call<ClassCentroids>('classCentroids');
    const members = [];
    for (let i = 0; i < emb.trainCount; i++) if (emb.labels[i] === 3) members.push(i);
    expect(cents.counts[3]).toBe(members.length);
    const { codes } = await call<{ codes: Float32Array }>('latentCodes', { indices: Uint32Array.from(members) });
    const mean = new Float32Array(4);
    for (let i = 0; i < members.length; i++) for (let k = 0; k < 4; k++) mean[k]! += codes[i * 4 + k]! / members.length;
    for (let k = 0; k < 4; k++) expect(cents.centroids[3 * 4 + k]).toBeCloseTo(mean[k]!, 4);
    const { images } = await call<{ images: Uint8Array }>('decodeLatent', { codes: mean });
    let worst = 0;
    for (let p = 0; p < 784; p++) worst = Math.max(worst, Math.abs(images[p]! - cents.images[3 * 784 + p]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('prior samples repeat with their seed', async () => {
    const a = await call<{ codes: Float32Array; images: Uint8Array }>('priorSamples', { seed: 11, count: 6 });
    const b = await call<{ codes: Float32Array; images: Uint8Array }>('priorSamples', { seed: 11, count: 6 });
    const c = await call<{ codes: Float32Array; images: Uint8Array }>('priorSamples', { seed: 12, count: 6 });
    expect(a.codes.length).toBe(24);
    expect(b.codes).toEqual(a.codes);
    expect(b.images).toEqual(a.images);
    expect(c.codes).not.toEqual(a.codes);
  });

  it('encoding raw images gives the codes the embedding holds; ragged codes are refused', async () => {
    const idx = new Uint32Array([9, 10]);
    const { images } = await call<{ images: Uint8Array }>('images', { indices: idx });
    const enc = await call<{ codes: Float32Array; d: number }>('encodeLatent', { images });
    const { codes } = await call<{ codes: Float32Array }>('latentCodes', { indices: idx });
    enc.codes.forEach((v, i) => expect(v).toBeCloseTo(codes[i]!, 5));
    expect(await host.handle('decodeLatent', { codes: new Float32Array(5) })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await host.handle('latentCodes', { indices: new Uint32Array([70_000]) })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});

describe('activity per dimension', () => {
  it('is the variance of each coordinate over the codes', async () => {
    const view = await call<LatentPlaneView>('latentPlane', { plane: { kind: 'axes', i: 0, j: 1 } });
    // On the axes plane x is z1 itself: its variance is the first activity.
    const n = view.x.length;
    let m = 0;
    for (let i = 0; i < n; i++) m += view.x[i]!;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (view.x[i]! - m) ** 2;
    expect(view.activity[0]).toBeCloseTo(v / (n - 1), 4);
    expect(view.activity.length).toBe(4);
  });
});

describe('transformation paths', () => {
  it('each point of a transformation path is the code of the transformed image', async () => {
    const amounts = [0, 15, 30, 45, 60];
    const res = await call<TransformPath>('transformPath', { index: 7, kind: 'rotate', amounts });
    const { images } = await call<{ images: Uint8Array }>('images', { indices: Uint32Array.of(7) });
    const expected = transformSeries(images, 'rotate', amounts);
    expect(res.inputs).toEqual(expected);
    const enc = await call<{ codes: Float32Array }>('encodeLatent', { images: expected });
    enc.codes.forEach((v, i) => expect(res.codes[i]).toBeCloseTo(v, 5));
    const dec = await call<{ images: Uint8Array }>('decodeLatent', { codes: res.codes });
    expect(res.reconstructions).toEqual(dec.images);
    // The blend and the latent path start and end at the ends.
    expect(res.pixel.subarray(0, 784)).toEqual(expected.subarray(0, 784));
    expect(res.latent.subarray(4 * 784)).toEqual(dec.images.subarray(4 * 784));
    expect(await host.handle('transformPath', { index: 7, kind: 'zoom', amounts: [1, 9] })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});

describe('inpainting request', () => {
  it('shows the search from the one-pass code, its visible loss falling, and the nearest training image on the visible pixels', async () => {
    const mask = halfMask('bottom');
    const r = await call<InpaintReport>('inpaint', { index: 60_002, mask, steps: 30 });
    expect(r.snapshotSteps[0]).toBe(0);
    expect(r.snapshotSteps.at(-1)).toBe(30);
    expect(r.snapshots.subarray(0, 784)).toEqual(r.onePass);
    expect(r.snapshots.subarray(r.snapshots.length - 784)).toEqual(r.search);
    expect(r.visibleLoss.length).toBe(31);
    expect(r.visibleLoss[30]!).toBeLessThan(r.visibleLoss[0]!);
    expect(r.masked.subarray(392).every((v) => v === 0)).toBe(true);
    const mnist = await loadMnist();
    let best = Infinity;
    let arg = -1;
    for (let k = 0; k < mnist.train.count; k++) {
      let s = 0;
      for (let p = 0; p < 392; p++) s += (mnist.train.images[k * 784 + p]! - r.original[p]!) ** 2;
      if (s < best) [best, arg] = [s, k];
    }
    let found = 0;
    for (let p = 0; p < 392; p++) found += (mnist.train.images[r.nearestIndex * 784 + p]! - r.original[p]!) ** 2;
    expect(found).toBe(best);
    expect(r.nearestIndex).toBe(arg);
  });
});
