/**
 * Leftovers of failed writes are cleaned when the engine starts (issue 18): `run.json.tmp-*` in run folders (an
 * update whose rename failed on a full disk) and `<slug>.tmp-*` in `.datasets/`. And `serve --runs <a file>`
 * is refused instead of starting on a library it cannot use.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { listRuns, recoverRuns } from '../../src/runs/index.js';
import { ROOT } from '../helpers/serve-process.js';

const root = mkdtempSync(join(tmpdir(), 'lex-leftovers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('leftover temporary files', () => {
  it('recoverRuns removes run.json.tmp-* inside runs and *.tmp-* in .datasets/, and keeps everything else', async () => {
    const run = join(root, 'r');
    cpSync(join(ROOT, 'assets', 'default-run'), run, { recursive: true });
    writeFileSync(join(run, 'run.json.tmp-1a2b3c4d'), '{"half":');
    mkdirSync(join(root, '.datasets', 'digits'), { recursive: true });
    writeFileSync(join(root, '.datasets', 'digits', 'meta.json'), '{}');
    mkdirSync(join(root, '.datasets', 'digits.tmp-99887766'));
    writeFileSync(join(root, '.datasets', 'digits.tmp-99887766', 'train-images-idx3-ubyte'), 'partial');
    const recovery = await recoverRuns(root);
    expect(recovery.removed.sort()).toEqual(['.datasets/digits.tmp-99887766', 'r/run.json.tmp-1a2b3c4d']);
    expect(readdirSync(run).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(join(root, '.datasets'))).toEqual(['digits']);
    expect(existsSync(join(root, '.datasets', 'digits', 'meta.json'))).toBe(true);
    expect((await listRuns(root)).runs.map((r) => r.id)).toEqual(['r']);
  });
});

describe('serve --runs', () => {
  it('refuses a file given as the runs library', async () => {
    const file = join(root, 'not-a-folder.txt');
    writeFileSync(file, 'x');
    const errors: string[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    try {
      expect(await main(['serve', '--runs', file, '--port', '0'])).toBe(2);
    } finally {
      error.mockRestore();
    }
    expect(errors.join('\n')).toMatch(/--runs .*not-a-folder.txt is not a folder/);
  });
});
