import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { float32Text } from '../../src/commands/codes.js';
import { progressPrinter, progressText } from '../../src/commands/train-progress.js';
import { loadMnist } from '../../src/data/mnist.js';
import { encodeAll } from '../../src/latent/encode-all.js';
import { loadRun, readRunRecord } from '../../src/runs/index.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cli-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the CLI in this process, capturing what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('latent-explorer train', () => {
  it('train --help describes every option', async () => {
    const { code, out } = await cli('train', '--help');
    expect(code).toBe(0);
    for (const flag of [
      '--arch',
      '--latent',
      '--epochs',
      '--limit',
      '--seed',
      '--batch',
      '--lr',
      '--loss',
      '--activation',
      '--hidden',
      '--out',
      '--config',
      '--resume',
    ]) {
      expect(out).toContain(flag);
    }
  });

  it('refuses unknown flags, bad values and a missing --out with exit code 2 and a reason', async () => {
    expect(await cli('train', '--out', join(root, 'x'), '--bogus')).toMatchObject({ code: 2, err: expect.stringMatching(/bogus/) });
    expect(await cli('train', '--out', join(root, 'x'), '--arch', 'rnn')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--arch: 'rnn'/),
    });
    expect(await cli('train', '--out', join(root, 'x'), '--latent', '0')).toMatchObject({ code: 2, err: expect.stringMatching(/latent/) });
    expect(await cli('train', '--out', join(root, 'x'), '--hidden', '512,x')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--hidden/),
    });
    expect(await cli('train', '--epochs', '1')).toMatchObject({ code: 2, err: expect.stringMatching(/--out/) });
  });

  it('trains, then saves a complete run with its history, test loss and 5-NN accuracy', async () => {
    const out = join(root, 'dense');
    const args = [
      '--arch',
      'dense',
      '--hidden',
      '64',
      '--latent',
      '2',
      '--epochs',
      '2',
      '--limit',
      '2000',
      '--batch',
      '64',
      '--lr',
      '0.002',
      '--seed',
      '4',
      '--name',
      'tiny',
    ];
    const { code, out: printed } = await cli('train', ...args, '--out', out, '--quiet');
    expect(code).toBe(0);
    expect(printed).toMatch(/saved .*test bce 0\.\d+, 5-NN accuracy 0\.\d+/);
    const record = await readRunRecord(out);
    expect(record).toMatchObject({ id: 'dense', name: 'tiny', status: 'complete', dataset: 'mnist', backend: 'wasm' });
    expect(record.config).toMatchObject({
      arch: 'dense',
      hidden: [64],
      latent: 2,
      epochs: 2,
      limit: 2000,
      batchSize: 64,
      learningRate: 0.002,
      seed: 4,
    });
    expect(record.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(record.metrics.testLoss).toBeLessThan(0.3);
    expect(record.metrics.knn).toBeGreaterThan(0.2);
    expect(await stat(join(out, 'state')).catch(() => null)).toBeNull();
  });

  it('--config reads a saved configuration, and flags override it', async () => {
    const out = join(root, 'from-config');
    const config = join(root, 'config.json');
    const record = await readRunRecord(join(root, 'dense'));
    await writeFile(config, JSON.stringify({ ...record.config, epochs: 5 }));
    expect((await cli('train', '--config', config, '--epochs', '1', '--out', out, '--quiet')).code).toBe(0);
    expect((await readRunRecord(out)).config).toMatchObject({ hidden: [64], epochs: 1, seed: 4 });
  });

  it('Ctrl+C stops after a batch, keeps the last checkpoint, and --resume finishes it', async () => {
    const out = join(root, 'resumable');
    // Once only: stats still in flight when the first finds the file would press Ctrl+C again, which exits.
    let pressed = false;
    const interrupt = setInterval(() => {
      stat(join(out, 'run.json')).then(
        () => {
          clearInterval(interrupt);
          if (pressed) return;
          pressed = true;
          process.emit('SIGINT');
        },
        () => {},
      );
    }, 5);
    const first = await cli('train', '--hidden', '32', '--epochs', '4', '--limit', '3000', '--batch', '25', '--out', out, '--quiet');
    clearInterval(interrupt);
    expect(first.code).toBe(130);
    expect(first.err).toMatch(/--resume continues it/);
    const checkpoint = await readRunRecord(out);
    expect(checkpoint.status).toBe('checkpoint');
    const done = checkpoint.history.length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(4);

    const second = await cli('train', '--resume', '--out', out, '--quiet');
    expect(second.code).toBe(0);
    const record = await readRunRecord(out);
    expect(record.status).toBe('complete');
    expect(record.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(record.createdAt).toBe(checkpoint.createdAt);
    expect(record.history.slice(0, done)).toEqual(checkpoint.history);
    expect(checkpoint.durationMs).toBeGreaterThan(0);
    expect(record.durationMs).toBeGreaterThan(checkpoint.durationMs);
  });
});

describe('latent-explorer codes', () => {
  it('writes index,label,class,z1..zd rows (index = sample number) that are exactly the encoder codes', async () => {
    const file = join(root, 'codes.csv');
    const { code } = await cli('codes', '--run', join(root, 'dense'), '--split', 'test', '--out', file, '--limit', '300');
    expect(code).toBe(0);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('index,label,class,z1,z2');
    expect(lines).toHaveLength(301);
    const mnist = await loadMnist();
    const run = await loadRun(join(root, 'dense'));
    const codes = encodeAll(run.encoder, mnist.test.images, 300);
    run.encoder.dispose();
    run.decoder.dispose();
    lines.slice(1).forEach((line, i) => {
      const [index, label, name, z1, z2] = line.split(',').map(Number);
      expect(index).toBe(60_000 + i);
      expect(label).toBe(mnist.test.labels[i]);
      expect(name).toBe(label);
      expect(Math.fround(z1!)).toBe(codes[2 * i]);
      expect(Math.fround(z2!)).toBe(codes[2 * i + 1]);
    });
  });

  it('refuses a missing run folder or split with a reason', async () => {
    expect(await cli('codes', '--run', join(root, 'none'), '--split', 'test', '--out', join(root, 'x.csv'))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no run\.json/),
    });
    expect(await cli('codes', '--run', join(root, 'dense'), '--split', 'val', '--out', join(root, 'x.csv'))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--split/),
    });
  });

  it('float32Text gives the shortest decimal that reads back as the same float32', () => {
    for (const v of [0.1, -3.25, 1e-8, 123456.789, Math.PI].map(Math.fround)) {
      const text = float32Text(v);
      expect(Math.fround(Number(text))).toBe(v);
    }
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
  });
});

describe('train progress output', () => {
  const progress = (batch: number, kind: 'batch' | 'epoch' = 'batch', testLoss?: number) => ({
    runId: 'r',
    kind,
    epoch: 2,
    epochs: 4,
    batch,
    batches: 10,
    loss: 0.123456,
    testLoss,
    samplesPerSec: 12345.6,
    etaSec: 95,
  });
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, stream: { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream };
  };

  it('progressText reads epoch, batch, loss, throughput and ETA', () => {
    expect(progressText(progress(5))).toBe('epoch 2/4 batch 5/10 loss 0.1235 12,346 img/s ETA 1m35s');
    expect(progressText(progress(10, 'epoch', 0.2))).toBe('epoch 2/4 loss 0.1235 test 0.2000 12,346 img/s ETA 1m35s');
  });

  it('writes plain lines when not on a terminal', () => {
    const { chunks, stream } = sink();
    const printer = progressPrinter(stream, false);
    printer.batch(progress(5));
    printer.epoch(progress(10, 'epoch', 0.2));
    expect(chunks.join('')).toBe(`${progressText(progress(5))}\n${progressText(progress(10, 'epoch', 0.2))}\n`);
  });

  it('redraws one bar line on a terminal and clears it before an epoch line', () => {
    const { chunks, stream } = sink();
    const printer = progressPrinter(stream, true);
    printer.batch(progress(5));
    // eslint-disable-next-line no-control-regex -- the terminal escape is what is tested
    expect(chunks[0]).toMatch(/^\r\x1b\[2K\[#{9}\.{15}\] epoch 2\/4 batch 5\/10/);
    printer.epoch(progress(10, 'epoch', 0.2));
    expect(chunks.slice(1).join('')).toBe(`\r\x1b[2K${progressText(progress(10, 'epoch', 0.2))}\n`);
  });
});
