/**
 * Bare embeddings as a run: the PyTorch fixture's codes of all 70,000 MNIST images, written as CSV, imported
 * with the CLI; the explorer's embedding is those codes, decoding is refused with the reason, and codes that do
 * not match the dataset (count, labels) are refused.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Embedding, RunSummary } from '../../../src/pure/api/api.js';
import { command as importCommand } from '../../../src/commands/import.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { createHost } from '../../../src/host/host.js';
import { createSession } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { openOnnxPair } from '../../../src/onnx/onnx-model.js';

const scratch = mkdtempSync(join(tmpdir(), 'lex-emb-run-'));
let csv: string;
let codes: Float32Array;
let lines: string[];

beforeAll(async () => {
  const mnist = await loadMnist();
  const pair = await openOnnxPair(readFileSync('tests/fixtures/torch/encoder.onnx'), readFileSync('tests/fixtures/torch/decoder.onnx'));
  const images = new Uint8Array(70_000 * 784);
  images.set(mnist.train.images.subarray(0, 60_000 * 784));
  images.set(mnist.test.images.subarray(0, 10_000 * 784), 60_000 * 784);
  codes = await pair.encode(images, 70_000);
  pair.dispose();
  const labels = [...mnist.train.labels.subarray(0, 60_000), ...mnist.test.labels.subarray(0, 10_000)];
  lines = labels.map((l, i) => `${i},${l},${codes[2 * i]},${codes[2 * i + 1]}`);
  csv = join(scratch, 'codes.csv');
  writeFileSync(csv, ['index,label,z1,z2', ...lines].join('\n'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('embeddings run', () => {
  it('imports codes from CSV; the embedding is the codes; decoding says why it is off', async () => {
    const runs = join(scratch, 'runs');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await importCommand.run(['--codes', csv, '--runs', runs, '--name', 'Torch codes'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    const [id] = readdirSync(runs);
    const session = createSession({ runsDir: runs, backend: currentBackend, version: 'test' });
    const host = createHost(session);
    try {
      const listed = await host.handle('listRuns', undefined);
      expect(listed.ok && (listed.value as RunSummary[]).map((r) => r.id)).toEqual([id]);
      const opened = await host.handle('openRun', { id });
      expect(opened.ok).toBe(true);
      const embedding = await host.handle('embedding', { runId: id });
      if (!embedding.ok) throw new Error(embedding.error.message);
      const e = embedding.value as Embedding;
      expect(e.x.length).toBe(70_000);
      expect(e.x[12_345]).toBe(codes[2 * 12_345]);
      expect(e.y[69_999]).toBe(codes[2 * 69_999 + 1]);
      const decode = await host.handle('decode', { points: new Float32Array([0, 0]), runId: id });
      expect(decode.ok).toBe(false);
      if (!decode.ok)
        expect(decode.error.message).toBe(
          "'Torch codes' holds codes only (embeddings made elsewhere): it has no encoder or decoder to run",
        );
      const images = await host.handle('images', { indices: new Uint32Array([0]) });
      expect(images.ok).toBe(true);
    } finally {
      await session.dispose();
    }
  });

  it('refuses codes whose labels do not follow the dataset, and too few codes', async () => {
    const runs = join(scratch, 'refused');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const swapped = [...lines];
      [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
      const bad = join(scratch, 'swapped.csv');
      writeFileSync(bad, ['index,label,z1,z2', ...swapped].join('\n'));
      expect(await importCommand.run(['--codes', bad, '--runs', runs])).toBe(1);
      expect(error.mock.calls.at(-1)![0]).toMatch(/^import: row 4: label \d, but image 3 of mnist is a \d \(rows out of order\?\)$/);
      const short = join(scratch, 'short.csv');
      writeFileSync(short, ['index,label,z1,z2', ...lines.slice(0, 100)].join('\n'));
      expect(await importCommand.run(['--codes', short, '--dataset', 'mnist', '--runs', runs])).toBe(1);
      expect(error.mock.calls.at(-1)![0]).toBe('import: 100 codes; the dataset mnist has 70000 images (train then test), one code each');
    } finally {
      error.mockRestore();
    }
    expect(readdirSync(scratch)).not.toContain('refused');
  });
});
