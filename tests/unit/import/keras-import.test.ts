/**
 * The Keras import (TF.js Layers, as the TensorFlow.js converter writes a Keras model): the committed fixture
 * (scripts/fixtures/make-keras-fixture.ts) has a 28x28x1 input and layers the app's own models never use
 * (BatchNormalization, LeakyReLU, ELU, Reshape, Conv2DTranspose). Its codes and decodes equal the references
 * within 1e-5, it imports as a read-only run whose decodes match, and pairs that do not fit are refused.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedding, RunSummary } from '../../../src/pure/api/api.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend, initBackend } from '../../../src/model/backend.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { checkLayersPair, loadLayersFromFiles } from '../../../src/latent/layers-pair.js';
import { tfjsImportedModel } from '../../../src/latent/latent-model.js';
import { readRunRecord } from '../../../src/runs/index.js';

const FIXTURE = 'tests/fixtures/keras';
const reference = JSON.parse(readFileSync(join(FIXTURE, 'reference.json'), 'utf8')) as {
  count: number;
  codes: number[];
  decodes: number[];
};
const partFiles = (part: 'encoder' | 'decoder', dir = part) =>
  readdirSync(join(FIXTURE, dir)).map((name) => ({ part, name, bytes: new Uint8Array(readFileSync(join(FIXTURE, dir, name))) }));

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
  await initBackend();
  runsDir = mkdtempSync(join(tmpdir(), 'lex-keras-'));
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

describe('Keras pair (TF.js Layers)', () => {
  it('loads with stock TF.js and gives the reference codes and decodes within 1e-5', async () => {
    const encoder = await loadLayersFromFiles(partFiles('encoder'), 'encoder');
    const decoder = await loadLayersFromFiles(partFiles('decoder'), 'decoder');
    const classes = [...encoder.layers, ...decoder.layers].map((l) => l.getClassName());
    for (const c of ['BatchNormalization', 'LeakyReLU', 'ELU', 'Reshape', 'Conv2DTranspose']) expect(classes).toContain(c);
    const { layout, dims } = checkLayersPair(encoder, decoder);
    expect({ layout, dims }).toEqual({ layout: '28x28x1', dims: 2 });
    const net = tfjsImportedModel(encoder, decoder, dims, { layout, range: '0..1', output: 'probabilities' });
    try {
      expect(maxDiff(await net.encode(testImages, reference.count), reference.codes)).toBeLessThan(1e-5);
      expect(maxDiff(await net.decodeUnit(Float32Array.from(reference.codes)), reference.decodes)).toBeLessThan(1e-5);
    } finally {
      net.dispose();
    }
  });

  it('imports as a read-only run that decodes like the reference', async () => {
    const run = await call<RunSummary>('importModel', {
      name: 'Keras conv AE',
      format: 'tfjs-layers',
      files: [...partFiles('encoder'), ...partFiles('decoder')],
    });
    expect(run).toMatchObject({ latent: 2, imported: 'tfjs-layers' });
    const record = await readRunRecord(join(runsDir, run.id));
    expect(record.imported?.convention).toEqual({ layout: '28x28x1', range: '0..1', output: 'probabilities' });
    const embedding = await call<Embedding>('embedding', { runId: run.id });
    expect(embedding.x[60_000]).toBeCloseTo(reference.codes[0]!, 4);
    const { images } = await call<{ images: Uint8Array }>('decode', {
      points: Float32Array.from(reference.codes.slice(0, 4)),
      runId: run.id,
    });
    expect(
      maxDiff(
        images,
        reference.decodes.slice(0, 2 * 784).map((v) => Math.round(v * 255)),
      ),
    ).toBeLessThanOrEqual(1);
  });

  it('refuses a pair whose decoder does not take the encoder code (encoder given twice)', async () => {
    const before = readdirSync(runsDir);
    const result = await host.handle('importModel', {
      name: 'bad',
      format: 'tfjs-layers',
      files: [...partFiles('encoder'), ...partFiles('decoder', 'encoder')],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe("the decoder takes [n, 28, 28, 1]; expected [n, 2] (the encoder's code)");
    expect(readdirSync(runsDir)).toEqual(before);
  });

  it('refuses a model.json whose weight file is missing', async () => {
    const result = await host.handle('importModel', {
      name: 'bad',
      format: 'tfjs-layers',
      files: [...partFiles('encoder').filter((f) => f.name.endsWith('.json')), ...partFiles('decoder')],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe("the encoder's model.json names the weight file group1-shard1of1.bin, which was not given");
  });
});
