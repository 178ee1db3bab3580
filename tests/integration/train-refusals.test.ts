/**
 * `train` refuses what would lose the user's files or record a run the app cannot open, before training
 * (issue 18): a folder or file at --out that is not a run, a run without --overwrite, an unknown dataset, and
 * flags that used to pass silently. Each refusal is exit code 2 with one readable line.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { readRunRecord } from '../../src/runs/index.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lex-train-refusals-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

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

const tiny = ['--hidden', '16', '--limit', '200', '--epochs', '1', '--quiet'];

describe('train --out keeps what is there', () => {
  it("refuses a folder of the user's files and leaves it untouched", async () => {
    const d = join(root, 'thesis');
    await mkdir(d);
    await writeFile(join(d, 'thesis.txt'), 'precious');
    const result = await cli('train', ...tiny, '--out', d);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/not a run of this app.*refusing to replace it/);
    expect(await readdir(d)).toEqual(['thesis.txt']);
    expect(await readFile(join(d, 'thesis.txt'), 'utf8')).toBe('precious');
  });

  it('refuses a plain file at --out, even with --overwrite', async () => {
    const f = join(root, 'notes.txt');
    await writeFile(f, 'mine');
    const result = await cli('train', ...tiny, '--out', f, '--overwrite');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is a file/);
    expect(await readFile(f, 'utf8')).toBe('mine');
  });

  it('trains into an empty folder; replacing that run needs --overwrite', async () => {
    const d = join(root, 'run');
    await mkdir(d);
    expect((await cli('train', ...tiny, '--name', 'first', '--out', d)).code).toBe(0);
    const again = await cli('train', ...tiny, '--name', 'second', '--out', d);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds a run: --overwrite replaces it/);
    expect((await readRunRecord(d)).name).toBe('first');
    expect((await cli('train', ...tiny, '--name', 'second', '--out', d, '--overwrite')).code).toBe(0);
    expect((await readRunRecord(d)).name).toBe('second');
  });
});

describe('train refuses bad settings before training', () => {
  const out = () => join(root, 'never');
  it.each([
    [['--dataset', 'user:nope'], /--dataset: 'user:nope' is not a dataset the train command has/],
    [['--backend', 'bogus'], /--backend: 'bogus' is not one of tfjs-node, wasm, cpu/],
    [['--test-limit', 'abc'], /--test-limit: 'abc' is not a positive whole number/],
    [['--limit', '1e9'], /--limit: 1000000000 is more than the 60,000 training images/],
    [['--threads', '0'], /--threads: expected a whole number from 1 to 64, got '0'/],
    [['--threads', 'two'], /--threads: expected a whole number from 1 to 64, got 'two'/],
    [['--schedule', 'linear'], /schedule/],
    [['--hidden', '4096,4096,4096,4096,4096,4096', '--batch', '4096'], /needs about \d+(\.\d)? GB of memory to train.*more than the/],
  ])('%j', async (flags, message) => {
    const previous = process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB;
    process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB = '2000';
    try {
      const result = await cli('train', ...(flags as string[]), '--epochs', '1', '--out', out());
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message as RegExp);
      expect(result.err.split('\n')).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB;
      else process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB = previous;
    }
    await expect(readdir(out())).rejects.toThrow();
  });

  it('--resume --epochs 0 names the flag instead of printing zod JSON', async () => {
    const d = join(root, 'run');
    const result = await cli('train', '--resume', '--epochs', '0', '--out', d);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^train: --epochs: 0 is not a number of epochs/);
    expect(result.err).not.toMatch(/[[{]"/);
  });
});
