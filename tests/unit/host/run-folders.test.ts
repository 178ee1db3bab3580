/**
 * Runs are known by their folder (issue 18): a copied or renamed folder is a run of its own, and open, rename
 * and delete reach the folder they name. Special files (FIFOs) and symlinked model folders in the library are
 * reported, never read or followed, and never stall the engine.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/pure/api/api.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { listRuns, readRunRecord } from '../../../src/runs/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let session: Session;
let host: Host;
let runsDir: string;
const outside = mkdtempSync(join(tmpdir(), 'lex-outside-'));

function plantRun(folder: string, id = folder): string {
  const dir = join(runsDir, folder);
  cpSync(join(ROOT, 'assets', 'default-run'), dir, { recursive: true });
  const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { id: string; name: string };
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...record, id, name: folder }));
  return dir;
}

beforeAll(() => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-run-folders-'));
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
});
afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function call<T = unknown>(method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('a run is its folder', () => {
  it('a folder copied beside its run is listed as its own run; open, rename and delete reach the folder named', async () => {
    plantRun('orig');
    cpSync(join(runsDir, 'orig'), join(runsDir, 'orig-copy'), { recursive: true });
    const ids = (await call<RunSummary[]>('listRuns')).map((r) => r.id).sort();
    expect(ids).toEqual(['orig', 'orig-copy']);

    expect((await call<RunSummary>('openRun', { id: 'orig-copy' })).id).toBe('orig-copy');
    expect((await call<RunSummary>('renameRun', { id: 'orig-copy', name: 'the copy' })).name).toBe('the copy');
    // The rename wrote the copy's record under its own id; the original is untouched.
    expect((await readRunRecord(join(runsDir, 'orig-copy'))).id).toBe('orig-copy');
    expect((await readRunRecord(join(runsDir, 'orig'))).name).toBe('orig');

    await call('deleteRun', { id: 'orig-copy' });
    const after = await call<RunSummary[]>('listRuns');
    expect(after.map((r) => r.id)).toEqual(['orig']);
    expect((await call<RunSummary>('openRun', { id: 'orig' })).id).toBe('orig');
    await call('deleteRun', { id: 'orig' });
  });

  it('a renamed folder is listed under its new name and the record id it carries is reported', async () => {
    plantRun('before');
    renameSync(join(runsDir, 'before'), join(runsDir, 'after'));
    const listed = (await listRuns(runsDir)).runs.find((r) => r.id === 'after');
    expect(listed?.recordId).toBe('before');
    expect((await call<RunSummary>('openRun', { id: 'after' })).id).toBe('after');
    await call('deleteRun', { id: 'after' });
  });
});

describe('special files in the runs library', () => {
  it('a FIFO as run.json or model.json is reported, and listing answers every time (the file-system pool is not exhausted)', async () => {
    mkdirSync(join(runsDir, 'fifo-run'));
    execFileSync('mkfifo', [join(runsDir, 'fifo-run', 'run.json')]);
    const dir = plantRun('fifo-model');
    rmSync(join(dir, 'encoder', 'model.json'));
    execFileSync('mkfifo', [join(dir, 'encoder', 'model.json')]);
    plantRun('fine');
    // More concurrent listings than libuv has threads: a blocking open would hang them all.
    const listings = await Promise.all(Array.from({ length: 8 }, () => listRuns(runsDir)));
    for (const { runs, skipped } of listings) {
      expect(runs.map((r) => r.id)).toEqual(['fine']);
      expect(skipped).toEqual(
        expect.arrayContaining([
          { dir: join(runsDir, 'fifo-run'), reason: 'run.json is a FIFO (named pipe), not a regular file: skipped' },
          { dir: join(runsDir, 'fifo-model'), reason: expect.stringMatching(/encoder: model.json cannot be read: model.json is a FIFO/) },
        ]),
      );
    }
    expect((await call<RunSummary[]>('listRuns')).map((r) => r.id)).toEqual(['fine']);
    await expect(call('openRun', { id: 'fifo-run' })).rejects.toThrow(/FIFO/);
    for (const id of ['fifo-run', 'fifo-model', 'fine']) rmSync(join(runsDir, id), { recursive: true, force: true });
  });

  it('an encoder/ or state/ folder that is a symlink leading outside the library is refused, not followed', async () => {
    const dir = plantRun('linked');
    renameSync(join(dir, 'encoder'), join(outside, 'encoder'));
    symlinkSync(join(outside, 'encoder'), join(dir, 'encoder'));
    const { runs, skipped } = await listRuns(runsDir);
    expect(runs.map((r) => r.id)).not.toContain('linked');
    expect(skipped.find((s) => s.dir === dir)?.reason).toMatch(/encoder\/ is a symbolic link/);
    await expect(call('openRun', { id: 'linked' })).rejects.toThrow(/symbolic link/);
    rmSync(dir, { recursive: true, force: true });
  });
});
