/**
 * Runs travel as one zip: the shipped default run, exported and opened in a clean library, decodes byte for byte
 * as the original; an archive that is not a run, a damaged one, or one with a hostile entry name is refused with
 * the reason and leaves the library as it was; a run folder from anywhere on disk goes through the same checks.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/pure/api/api.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { DEFAULT_RUN_DIR } from '../../../src/host/start.js';
import { currentBackend } from '../../../src/model/backend.js';
import { installRun, runFilesFromFolder } from '../../../src/runs/index.js';

let home: Session;
let away: Session;
let homeHost: Host;
let awayHost: Host;
let homeDir: string;
let awayDir: string;

beforeAll(() => {
  homeDir = mkdtempSync(join(tmpdir(), 'lex-zip-home-'));
  awayDir = mkdtempSync(join(tmpdir(), 'lex-zip-away-'));
  home = createSession({ runsDir: homeDir, defaultRunDir: DEFAULT_RUN_DIR, backend: currentBackend, version: 'test' });
  away = createSession({ runsDir: awayDir, backend: currentBackend, version: 'test' });
  homeHost = createHost(home);
  awayHost = createHost(away);
});

afterAll(async () => {
  await Promise.all([home.dispose(), away.dispose()]);
  rmSync(homeDir, { recursive: true, force: true });
  rmSync(awayDir, { recursive: true, force: true });
});

async function call<T>(host: Host, method: string, arg?: unknown): Promise<T> {
  const result = await host.handle(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const POINTS = new Float32Array([0, 0, 1.5, -2, -3, 0.25, 4, 4]);

describe('run zips', () => {
  let zip: Uint8Array;

  it('exports a run and opens it in a clean library: same files, same decodes byte for byte', async () => {
    const out = await call<{ name: string; bytes: Uint8Array }>(homeHost, 'exportRun', { id: 'default' });
    expect(out.name).toBe('default.zip');
    zip = out.bytes;
    const entries = Object.keys(unzipSync(zip)).sort();
    expect(entries).toEqual(['decoder/model.json', 'decoder/weights.bin', 'encoder/model.json', 'encoder/weights.bin', 'run.json']);

    const opened = await call<RunSummary>(awayHost, 'importRun', { bytes: zip });
    expect(readdirSync(awayDir)).toEqual([opened.id]);
    for (const f of ['encoder/weights.bin', 'decoder/weights.bin', 'decoder/model.json'])
      expect(readFileSync(join(awayDir, opened.id, f)).equals(readFileSync(join(DEFAULT_RUN_DIR, f)))).toBe(true);
    const original = await call<{ images: Uint8Array }>(homeHost, 'decode', { points: POINTS, runId: 'default' });
    const travelled = await call<{ images: Uint8Array }>(awayHost, 'decode', { points: POINTS, runId: opened.id });
    expect(travelled.images).toEqual(original.images);

    // Opened twice: a second, fresh id; the first is untouched.
    const again = await call<RunSummary>(awayHost, 'importRun', { bytes: zip });
    expect(again.id).not.toBe(opened.id);
    expect(readdirSync(awayDir).sort()).toEqual([opened.id, again.id].sort());
  });

  const refused = async (bytes: Uint8Array, reason: RegExp) => {
    const before = readdirSync(awayDir).sort();
    const result = await awayHost.handle('importRun', { bytes });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toMatch(reason);
    }
    expect(readdirSync(awayDir).sort()).toEqual(before);
  };

  it('refuses a file that is not a zip', () => refused(new Uint8Array(1000).fill(7), /^not opened: not a zip archive/));

  it('refuses a zip that is not a run', () => refused(zipSync({ 'notes.txt': strToU8('hello') }), /has no run\.json/));

  it('refuses a damaged run: a weight changed inside the archive', () => {
    const files = unzipSync(zip);
    const weights = files['decoder/weights.bin']!.slice();
    weights[100] ^= 0x55;
    return refused(zipSync({ ...files, 'decoder/weights.bin': weights }), /decoder.*(SHA-256|digest|checksum|changed)/i);
  });

  it('refuses a truncated archive', () => refused(zip.slice(0, zip.length - 2_000), /^not opened: not a zip archive, or a damaged one/));

  it('refuses an entry that would land outside the run folder', () =>
    refused(zipSync({ ...unzipSync(zip), '../evil.txt': strToU8('x') }), /entry named '\.\.\/evil\.txt'/));

  it('refuses a run record that does not validate', () => {
    const files = unzipSync(zip);
    const record = JSON.parse(new TextDecoder().decode(files['run.json'])) as Record<string, unknown>;
    return refused(
      zipSync({ ...files, 'run.json': strToU8(JSON.stringify({ ...record, metrics: 'good' })) }),
      /run\.json is not a valid run record \(metrics/,
    );
  });

  it('opens a run folder from anywhere on disk through the same checks', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'lex-zip-outside-'));
    try {
      cpSync(DEFAULT_RUN_DIR, join(outside, 'my-run'), { recursive: true });
      const record = await installRun(awayDir, await runFilesFromFolder(join(outside, 'my-run')));
      expect(readdirSync(awayDir)).toContain(record.id);
      writeFileSync(join(outside, 'my-run', 'encoder', 'weights.bin'), new Uint8Array(10));
      const before = readdirSync(awayDir).sort();
      await expect(installRun(awayDir, await runFilesFromFolder(join(outside, 'my-run')))).rejects.toThrow(/encoder/);
      expect(readdirSync(awayDir).sort()).toEqual(before);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
