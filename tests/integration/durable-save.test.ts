/**
 * Saves are durable (issue 18): every file of a run is fsynced before the folder is renamed into place, and the
 * folders whose entries changed are fsynced too, so a power cut after `saveRun` resolves cannot lose the save.
 * Observed from outside with strace (-y prints the path behind each fsynced descriptor).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/serve-process.js';

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const root = mkdtempSync(join(tmpdir(), 'lex-durable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('saveRun flushes to disk', () => {
  it.skipIf(!hasStrace)('fsyncs every file it writes and every folder whose entries changed', () => {
    const trace = join(root, 'trace.txt');
    execFileSync(
      'strace',
      ['-f', '-y', '-e', 'trace=fsync,fdatasync', '-o', trace, process.execPath, '--import', 'tsx', 'tests/helpers/save-once.ts', root],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    const synced = new Set(
      [...readFileSync(trace, 'utf8').matchAll(/f(?:data)?sync\(\d+<([^>]+)>/g)].map((m) =>
        m[1]!.replace(root, '<root>').replace(/r\.tmp-[0-9a-f]+/, 'r.tmp'),
      ),
    );
    for (const file of [
      'encoder/model.json',
      'encoder/weights.bin',
      'decoder/model.json',
      'decoder/weights.bin',
      'state/variables.bin',
      'state/variables.json',
      'run.json',
    ])
      expect(synced, file).toContain(`<root>/r.tmp/${file}`);
    for (const dir of ['<root>/r.tmp/encoder', '<root>/r.tmp/decoder', '<root>/r.tmp/state', '<root>/r.tmp', '<root>'])
      expect(synced, dir).toContain(dir);
  });
});
