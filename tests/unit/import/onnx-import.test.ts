/**
 * The PyTorch (ONNX) import, end to end through the engine host: the committed fixture (a small autoencoder
 * trained with Debian's PyTorch, see scripts/fixtures/make-torch-fixture.py) gives codes and decodes equal to
 * PyTorch's within 1e-5, imports as a read-only run that every inference request answers, and graphs that do
 * not fit are refused with the expected and found shapes, leaving the library empty.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedding, RunSummary } from '../../../src/pure/api/api.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { openOnnxPair } from '../../../src/onnx/onnx-model.js';
import { readRunRecord } from '../../../src/runs/index.js';
import { whenVerified } from '../../../src/runs/check-cache.js';

const FIXTURE = 'tests/fixtures/torch';
const file = (name: string) => new Uint8Array(readFileSync(join(FIXTURE, name)));
const reference = JSON.parse(readFileSync(join(FIXTURE, 'reference.json'), 'utf8')) as {
  count: number;
  codes: number[];
  decodes: number[];
};

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

let runsDir: string;
let session: Session;
let host: Host;
let testImages: Uint8Array;

beforeAll(async () => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-onnx-'));
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
  testImages = (await loadMnist()).test.images.subarray(0, reference.count * 784);
});

afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

async function call<T = unknown>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const torchFiles = (encoder = 'encoder.onnx', decoder = 'decoder.onnx') => [
  { part: 'encoder', name: encoder, bytes: file(encoder) },
  { part: 'decoder', name: decoder, bytes: file(decoder) },
];

describe('ONNX runtime', () => {
  it('gives the codes and decodes PyTorch gave, within 1e-5', async () => {
    const pair = await openOnnxPair(file('encoder.onnx'), file('decoder.onnx'));
    try {
      expect(pair.info).toMatchObject({ layout: '784', dims: 2 });
      expect(maxDiff(await pair.encode(testImages, reference.count), reference.codes)).toBeLessThan(1e-5);
      expect(maxDiff(await pair.decodeUnit(Float32Array.from(reference.codes)), reference.decodes)).toBeLessThan(1e-5);
    } finally {
      pair.dispose();
    }
  });
});

describe('importModel (PyTorch through ONNX)', () => {
  let run: RunSummary;

  it('imports the fixture as a read-only run, its convention detected and recorded', async () => {
    run = await call<RunSummary>('importModel', { name: 'Torch AE', format: 'onnx', files: torchFiles() });
    expect(run).toMatchObject({ name: 'Torch AE', latent: 2, dataset: 'mnist', imported: 'onnx' });
    // A 5-epoch 2-D model on 2,000 images: far better than chance, far from perfect.
    expect(run.knn).toBeGreaterThan(0.2);
    expect(run.testLoss).toBeGreaterThan(0.1);
    expect(run.testLoss).toBeLessThan(0.4);
    const record = await readRunRecord(join(runsDir, run.id));
    expect(record.kind).toBe('imported');
    expect(record.imported).toMatchObject({
      format: 'onnx',
      files: { encoder: ['encoder.onnx'], decoder: ['decoder.onnx'] },
      convention: { layout: '784', range: '0..1', output: 'probabilities' },
    });
    expect(readdirSync(join(runsDir, run.id, 'onnx')).sort()).toEqual(['decoder.onnx', 'encoder.onnx']);
    const listed = await call<RunSummary[]>('listRuns');
    expect(listed.map((r) => r.id)).toContain(run.id);
    // The listing's background check of a run's models knows ONNX graphs are not TF.js models: still listed after it.
    await whenVerified();
    expect((await call<RunSummary[]>('listRuns')).map((r) => r.id)).toContain(run.id);
  });

  it('answers the explorer like a trained run: embedding, decode (= PyTorch within one grey level), encode, interpolate, grid, reconstruct', async () => {
    await call('openRun', { id: run.id });
    const embedding = await call<Embedding>('embedding', { runId: run.id });
    expect(embedding.x.length).toBe(70_000);
    expect(embedding.dims).toBe(2);
    // The first test image sits at index 60,000: its plane point is its code (2-D: the plane is the latent space).
    expect(embedding.x[60_000]).toBeCloseTo(reference.codes[0]!, 4);
    expect(embedding.y[60_000]).toBeCloseTo(reference.codes[1]!, 4);

    const points = Float32Array.from(reference.codes.slice(0, 8));
    const { images } = await call<{ images: Uint8Array }>('decode', { points, runId: run.id });
    const expected = reference.decodes.slice(0, 4 * 784).map((v) => Math.round(v * 255));
    expect(maxDiff(images, expected)).toBeLessThanOrEqual(1);

    const encoded = await call<{ point: Float32Array; reconstruction: Uint8Array }>('encode', {
      image: testImages.slice(0, 784),
      runId: run.id,
    });
    expect(maxDiff(encoded.point, reference.codes.slice(0, 2))).toBeLessThan(1e-5);
    expect(encoded.reconstruction.length).toBe(784);

    const path = await call<{ latent: Uint8Array; pixel: Uint8Array }>('interpolate', {
      from: 60_000,
      to: 60_001,
      steps: 4,
      runId: run.id,
    });
    expect(path.latent.length).toBe(4 * 784);
    const grid = await call<{ images: Uint8Array; n: number }>('grid', { x0: -2, x1: 2, y0: -2, y1: 2, n: 3, runId: run.id });
    expect(grid.images.length).toBe(9 * 784);
    const rec = await call<{ images: Uint8Array; errors: Float32Array }>('reconstruct', {
      indices: new Uint32Array([60_000]),
      runId: run.id,
    });
    expect(maxDiff(rec.images, expected.slice(0, 784))).toBeLessThanOrEqual(1);
    expect(rec.errors[0]).toBeGreaterThan(0);
  });

  it('refuses a view that needs a model trained here, by name', async () => {
    const result = await host.handle('kernels', { runId: run.id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/imported/);
  });

  it('refuses a graph whose input is not an image, naming the expected and the found shape', async () => {
    const before = readdirSync(runsDir);
    const result = await host.handle('importModel', { name: 'bad', format: 'onnx', files: torchFiles('wrong-input.onnx') });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!result.ok) expect(result.error.message).toBe('the encoder takes [n, 100]; expected [n, 784], [n, 28, 28, 1] or [n, 1, 28, 28]');
    expect(readdirSync(runsDir)).toEqual(before);
  });

  it('refuses a decoder that does not give 784 values', async () => {
    const result = await host.handle('importModel', {
      name: 'bad',
      format: 'onnx',
      files: torchFiles('encoder.onnx', 'wrong-output.onnx'),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('the decoder gives [n, 100]; expected [n, 784] or [n, 1, 28, 28]');
  });

  it('refuses a graph that does not load', async () => {
    const broken = file('encoder.onnx').slice(0, 5_000);
    const result = await host.handle('importModel', {
      name: 'bad',
      format: 'onnx',
      files: [
        { part: 'encoder', name: 'encoder.onnx', bytes: broken },
        { part: 'decoder', name: 'decoder.onnx', bytes: file('decoder.onnx') },
      ],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^the encoder is not an ONNX graph onnxruntime can load/);
  });

  it('detects a decoder that gives logits and maps them through the sigmoid: decodes equal to the sigmoid decoder within 1e-5', async () => {
    const pair = await openOnnxPair(file('encoder.onnx'), file('logits-decoder.onnx'), { layout: '784', range: '0..1', output: 'logits' });
    try {
      expect(maxDiff(await pair.decodeUnit(Float32Array.from(reference.codes)), reference.decodes)).toBeLessThan(1e-5);
    } finally {
      pair.dispose();
    }
    const logits = await call<RunSummary>('importModel', {
      name: 'Torch logits',
      format: 'onnx',
      files: torchFiles('encoder.onnx', 'logits-decoder.onnx'),
    });
    expect((await readRunRecord(join(runsDir, logits.id))).imported?.convention.output).toBe('logits');
    expect(logits.testLoss).toBeCloseTo(run.testLoss!, 5);
  });

  it('refuses logits declared as probabilities', async () => {
    const before = readdirSync(runsDir);
    const result = await host.handle('importModel', {
      name: 'bad',
      format: 'onnx',
      files: torchFiles('encoder.onnx', 'logits-decoder.onnx'),
      output: 'probabilities',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^the decoder gives values outside \[0, 1\], not probabilities/);
    expect(readdirSync(runsDir)).toEqual(before);
  });

  it('refuses an encoder that gives NaN codes', async () => {
    const result = await host.handle('importModel', { name: 'bad', format: 'onnx', files: torchFiles('nan-encoder.onnx') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^the encoder gives NaN or infinite codes/);
  });

  it('refuses a tampered graph when the run is opened', async () => {
    const { writeFileSync } = await import('node:fs');
    const bytes = file('decoder.onnx');
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(join(runsDir, run.id, 'onnx', 'decoder.onnx'), bytes);
    // The run is open in this session; a fresh session reads it from disk.
    const fresh = createSession({ runsDir, backend: currentBackend, version: 'test' });
    try {
      const again = await createHost(fresh).handle('openRun', { id: run.id });
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.message).toMatch(/decoder\.onnx was changed after the import/);
    } finally {
      await fresh.dispose();
    }
  });
});
