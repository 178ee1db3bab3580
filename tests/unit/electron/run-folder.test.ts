/** Open Run of a folder outside the library: main zips the run's files, and the engine's zip import accepts them. */
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipRunFolder } from '../../../electron/run-folder.js';
import { DEFAULT_RUN_DIR } from '../../../src/host/start.js';
import { installRun, runFilesFromZip } from '../../../src/runs/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'lex-run-folder-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('zipRunFolder', () => {
  it('zips only the run files of a folder, which the run import installs', async () => {
    const folder = join(scratch, 'elsewhere');
    cpSync(DEFAULT_RUN_DIR, folder, { recursive: true });
    writeFileSync(join(folder, 'notes.txt'), 'not part of the run');
    const files = runFilesFromZip(await zipRunFolder(folder));
    expect([...files.keys()].sort()).toEqual([
      'decoder/model.json',
      'decoder/weights.bin',
      'encoder/model.json',
      'encoder/weights.bin',
      'run.json',
    ]);
    const library = join(scratch, 'library');
    const record = await installRun(library, files);
    expect(readdirSync(library)).toEqual([record.id]);
  });

  it('refuses a folder holding a symbolic link', async () => {
    const folder = join(scratch, 'linked');
    cpSync(DEFAULT_RUN_DIR, folder, { recursive: true });
    rmSync(join(folder, 'run.json'));
    symlinkSync('/etc/hostname', join(folder, 'run.json'));
    await expect(zipRunFolder(folder)).rejects.toThrow(/symbolic link/);
  });
});
