/**
 * A run's own dataset, everywhere: a small Fashion-MNIST run and a small run on an imported image folder (three
 * classes with names of their own). The reconstructions lesson, `figure reconstructions` and `codes` read that
 * run's images and class names; the lesson's per-sample errors are the engine's `reconstruct` errors; and once the
 * imported set is deleted, every path names it in its error.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IMAGE_PIXELS, type DatasetSummary, type EventMap, type ReconstructionReport, type TrainConfig } from '../../src/pure/api/api.js';
import { main } from '../../src/cli.js';
import { loadFashionMnist } from '../../src/data/fashion-mnist.js';
import { loadMnist } from '../../src/data/mnist.js';
import { loadRunDataset, RunDatasetError } from '../../src/data/run-dataset.js';
import { createHost, type Host } from '../../src/host/host.js';
import { createSession, type Session } from '../../src/host/session.js';
import { encodeAll } from '../../src/latent/index.js';
import { currentBackend } from '../../src/model/backend.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import { loadRun } from '../../src/runs/index.js';
import { FASHION_CLASSES } from '../../src/pure/data/fashion-classes.js';

const root = mkdtempSync(join(tmpdir(), 'lex-run-dataset-'));
const runsDir = join(root, 'runs');
const SHAPES = ['ring', 'stroke', 'hook'] as const;
let session: Session;
let host: Host;
let fashionRun: string;
let importedRun: string;
let importedId: string;

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
  expect((await ended).outcome).toBe('complete');
  return runId;
}

async function cli(...args: string[]): Promise<{ code: number; err: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return { code: await main(args), err: error.mock.calls.flat().join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** A folder of 600 images in three named classes, as the page hands it over after converting the files. */
async function importShapes(): Promise<DatasetSummary> {
  const mnist = await loadMnist();
  const digits = [0, 1, 7];
  const picked: number[] = [];
  for (let i = 0; picked.length < 600; i++) if (digits.includes(mnist.train.labels[i]!)) picked.push(i);
  const images = new Uint8Array(picked.length * IMAGE_PIXELS);
  picked.forEach((i, k) => images.set(mnist.train.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), k * IMAGE_PIXELS));
  const labels = Uint8Array.from(picked, (i) => digits.indexOf(mnist.train.labels[i]!));
  return call<DatasetSummary>('importDataset', { name: 'Shapes', images, labels, classNames: [...SHAPES] });
}

const small = (dataset: TrainConfig['dataset'], name: string): TrainConfig =>
  defaultTrainConfig('dense', { name, dataset, hidden: [32], latent: 2, epochs: 1, limit: 500, batchSize: 100, learningRate: 3e-3 });

beforeAll(async () => {
  session = createSession({ runsDir, backend: currentBackend, version: 'test', subsetEvery: 1000 });
  host = createHost(session);
  importedId = (await importShapes()).id;
  fashionRun = await train(small('fashion-mnist', 'clothes'));
  importedRun = await train(small(importedId as `user:${string}`, 'shapes'));
}, 240_000);

afterAll(async () => {
  await session.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe.each([
  ['Fashion-MNIST', () => fashionRun, () => loadFashionMnist(), [...FASHION_CLASSES]],
  ['an imported image folder', () => importedRun, () => loadRunDataset(importedId, { runsDirs: [runsDir] }), [...SHAPES]],
] as const)('a run trained on %s', (_name, runId, load, classNames) => {
  it("the reconstructions lesson scores that dataset's test images, and its errors are `reconstruct`'s", async () => {
    const data = await load();
    const report = await call<ReconstructionReport>('reconstructionReport', { runId: runId(), split: 'test', limit: 40 });
    const trainCount = data.train.count;
    expect(Array.from(report.indices)).toEqual(Array.from({ length: 40 }, (_, k) => trainCount + k));
    expect(Array.from(report.labels)).toEqual(Array.from(data.test.labels.subarray(0, 40)));
    expect(report.classMeans).toHaveLength(classNames.length);
    const { errors } = await call<{ errors: Float32Array }>('reconstruct', { runId: runId(), indices: report.indices });
    expect(Array.from(report.errors)).toEqual(Array.from(errors));
    // The page fetches the current run's images by the same sample numbers the lesson reports.
    await call('openRun', { id: runId() });
    const { images } = await call<{ images: Uint8Array }>('images', { indices: report.indices.subarray(0, 1) });
    expect(Array.from(images)).toEqual(Array.from(data.test.images.subarray(0, IMAGE_PIXELS)));
  });

  it("`figure reconstructions` draws that dataset's samples under their class names", async () => {
    const out = join(root, `${runId()}-recon.svg`);
    const { code, err } = await cli(
      'figure',
      'reconstructions',
      '--run',
      join(runsDir, runId()),
      '--from',
      'test:0',
      '--steps',
      '6',
      '--out',
      out,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    const data = await load();
    for (const label of data.test.labels.subarray(0, 6)) expect(svg).toContain(`>${classNames[label]!}<`);
  });

  it("`codes` writes that dataset's labels and class names, and the codes of its images", async () => {
    const out = join(root, `${runId()}-codes.csv`);
    expect((await cli('codes', '--run', join(runsDir, runId()), '--split', 'test', '--limit', '25', '--out', out)).code).toBe(0);
    const data = await load();
    const run = await loadRun(join(runsDir, runId()));
    const codes = encodeAll(run.encoder, data.test.images, 25);
    run.encoder.dispose();
    run.decoder.dispose();
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('index,label,class,z1,z2');
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(Number(cells[0])).toBe(data.train.count + i);
      expect(Number(cells[1])).toBe(data.test.labels[i]);
      expect(cells[2]!.replace(/^"|"$/g, '')).toBe(classNames[data.test.labels[i]!]);
      expect(Math.fround(Number(cells[3]))).toBe(codes[2 * i]);
    });
  });
});

describe('a run whose imported dataset was deleted', () => {
  it('gets an error naming the dataset from the lessons, `figure` and `codes`; other runs still work', async () => {
    rmSync(join(runsDir, '.datasets', importedId.slice('user:'.length)), { recursive: true });
    const fresh = createHost(createSession({ runsDir, backend: currentBackend, version: 'test' }));
    const result = await fresh.handle('reconstructionReport', { runId: importedRun, split: 'test', limit: 5 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`'${importedId}'`);
    expect((await fresh.handle('reconstructionReport', { runId: fashionRun, split: 'test', limit: 5 })).ok).toBe(true);
    const fig = await cli('figure', 'reconstructions', '--run', join(runsDir, importedRun), '--out', join(root, 'gone.svg'));
    expect(fig.code).toBe(1);
    expect(fig.err).toContain(`'${importedId}'`);
    const codes = await cli('codes', '--run', join(runsDir, importedRun), '--split', 'test', '--out', join(root, 'gone.csv'));
    expect(codes.code).toBe(1);
    expect(codes.err).toContain(`'${importedId}'`);
    await expect(loadRunDataset(importedId, { runsDirs: [runsDir] })).rejects.toBeInstanceOf(RunDatasetError);
    await expect(loadRunDataset('cifar-10')).rejects.toThrow(/unknown dataset 'cifar-10'/);
  });
});
