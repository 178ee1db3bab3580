/**
 * Failures say what is wrong (issue 18): a damaged checkpoint is refused with the file and the reason (it used to
 * resume and then fail with "shapes.map is not a function"); an unreadable run.json is reported as unreadable,
 * not as "no run"; the app refuses a training config the machine cannot hold, naming the memory it needs.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { createHost } from '../../src/host/host.js';
import { createSession } from '../../src/host/session.js';
import { currentBackend } from '../../src/model/backend.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import { readRunRecord, RunError } from '../../src/runs/index.js';
import { ROOT } from '../helpers/serve-process.js';

const root = mkdtempSync(join(tmpdir(), 'lex-raw-messages-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await main(argv), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('clear messages', () => {
  it('a checkpoint whose state manifest is damaged is refused with the file named', async () => {
    const out = join(root, 'ckpt');
    // A checkpoint made by hand from a finished run: status set back, and a state/ whose manifest is damaged.
    expect((await cli('train', '--hidden', '16', '--limit', '200', '--epochs', '1', '--quiet', '--out', out)).code).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { status: string };
    writeFileSync(join(out, 'run.json'), JSON.stringify({ ...record, status: 'checkpoint' }));
    mkdirSync(join(out, 'state'));
    writeFileSync(join(out, 'state', 'variables.json'), JSON.stringify({ shapes: 7 }));
    writeFileSync(join(out, 'state', 'variables.bin'), '');
    const result = await cli('train', '--resume', '--epochs', '2', '--quiet', '--out', out);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/state\/variables.json is damaged \(shapes: /);
    expect(result.err).not.toMatch(/is not a function/);
  });

  it('a run.json that cannot be read is reported as such, not as a missing run', async () => {
    const dir = join(root, 'unreadable');
    cpSync(join(ROOT, 'assets', 'default-run'), dir, { recursive: true });
    rmSync(join(dir, 'run.json'));
    mkdirSync(join(dir, 'run.json'));
    const err = await readRunRecord(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).code).toBe('corrupt');
    expect((err as RunError).message).toMatch(/run.json is a folder, not a regular file/);
  });

  it('startTraining refuses a config the machine cannot hold, with the figure', async () => {
    const previous = process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB;
    process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB = '2000';
    const session = createSession({ runsDir: join(root, 'lib'), backend: currentBackend, version: 'test' });
    try {
      const config = defaultTrainConfig('dense', { hidden: [4096, 4096, 4096, 4096, 4096, 4096], batchSize: 4096 });
      const result = await createHost(session).handle('startTraining', { config });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('bad-request');
        expect(result.error.message).toMatch(/needs about \d+(\.\d)? GB of memory to train .* more than the 2.0 GB/);
      }
      expect(session.training.state()).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB;
      else process.env.LATENT_EXPLORER_MEMORY_BUDGET_MB = previous;
      await session.dispose();
    }
  });
});
