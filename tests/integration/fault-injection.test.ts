/**
 * Fault injection (issue 18): `latent-explorer train` is SIGKILLed at random moments (while training, while
 * saving a checkpoint) over several seeds and restarted with --resume until it finishes. After every kill the
 * library is checked as the app would see it on its next start: nothing corrupt or half-written listed, every
 * listed run loadable, nothing lost but the epoch in progress. The finished run must equal the uninterrupted
 * one: the same final weights, bit for bit. Tiny models on MNIST slices keep it to tens of seconds.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { mulberry32 } from '../../src/pure/data/random.js';
import { listRuns, loadRun, readRunRecord, recoverRuns } from '../../src/runs/index.js';
import { ROOT } from '../helpers/serve-process.js';

const root = mkdtempSync(join(tmpdir(), 'lex-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const EPOCHS = 4;
const flags = (seed: number) =>
  ['--hidden', '16', '--latent', '2', '--limit', '400', '--batch', '20', '--epochs', String(EPOCHS), '--test-limit', '100'].concat([
    '--seed',
    String(seed),
    '--backend',
    'wasm',
  ]);

/**
 * Runs `train` in a child process; with `kill`, SIGKILLs it `afterMs` after the `epochLines`-th epoch line it
 * prints (a line is printed just before its epoch's checkpoint is saved: the kill lands in that save or later).
 */
function trainChild(
  args: string[],
  kill: { epochLines: number; afterMs: number } | null,
): Promise<{ killed: boolean; epochsPrinted: number; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'train', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && kill && (out.match(/^epoch \d+\/\d+ loss/gm)?.length ?? 0) >= kill.epochLines) {
        armed = true;
        setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, kill.afterMs);
      }
    });
    child.once('exit', () => {
      const epochsPrinted = [...out.matchAll(/^epoch (\d+)\/\d+ loss/gm)].map((m) => Number(m[1]));
      resolve({ killed, epochsPrinted: epochsPrinted.length ? Math.max(...epochsPrinted) : 0, err });
    });
  });
}

/** The library as the app sees it after a restart: recovered, nothing skipped, every run loadable. */
async function checkLibrary(dir: string): Promise<void> {
  await recoverRuns(dir);
  const { runs, skipped } = await listRuns(dir);
  expect(skipped).toEqual([]);
  for (const run of runs) {
    const loaded = await loadRun(run.dir);
    loaded.encoder.dispose();
    loaded.decoder.dispose();
  }
}

const weights = (dir: string) => ['encoder', 'decoder'].map((part) => readFileSync(join(dir, part, 'weights.bin')));

async function quietMain(argv: string[]): Promise<number> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return await main(argv);
  } finally {
    log.mockRestore();
  }
}

/** Kills and resumes one seed's training until it completes; returns how many kills landed and resumes ran. */
async function killAndResume(seed: number): Promise<{ kills: number; resumes: number; out: string }> {
  const random = mulberry32(seed);
  const library = join(root, `lib-${seed}`);
  const out = join(library, 'run');
  let kills = 0;
  let resumes = 0;
  for (let attempt = 0; attempt < 6; attempt++) {
    const resume = existsSync(join(out, 'run.json')) && (await readRunRecord(out)).status === 'checkpoint';
    if (existsSync(join(out, 'run.json')) && !resume) break; // finished (maybe killed just after its last save)
    const kill = attempt < 2 ? { epochLines: 1 + Math.floor(random() * 2), afterMs: Math.floor(random() * 300) } : null;
    const result = await trainChild([...flags(seed), '--out', out, ...(resume ? ['--resume'] : [])], kill);
    if (resume) resumes += 1;
    if (!result.killed) expect(result.err).toBe('');
    else kills += 1;
    await checkLibrary(library);
    if (result.killed && existsSync(join(out, 'run.json'))) {
      const saved = await readRunRecord(out);
      // Nothing lost but the epoch in progress (its line is printed just before its checkpoint is written).
      expect(saved.history.length).toBeGreaterThanOrEqual(result.epochsPrinted - 1);
    }
  }
  return { kills, resumes, out };
}

describe('SIGKILL during training and saving', () => {
  it("over three seeds, killed twice each at random moments and resumed, every run completes with the uninterrupted run's weights", async () => {
    const seeds = [11, 12, 13];
    // The three trainings run side by side (each child mostly waits on its own start-up and saves).
    const runs = await Promise.all(seeds.map(killAndResume));
    expect(runs.reduce((n, r) => n + r.kills, 0)).toBeGreaterThanOrEqual(4);
    expect(runs.reduce((n, r) => n + r.resumes, 0)).toBeGreaterThanOrEqual(3);
    for (const [i, seed] of seeds.entries()) {
      const reference = join(root, `ref-${seed}`);
      expect(await quietMain(['train', ...flags(seed), '--out', reference, '--quiet'])).toBe(0);
      const { out } = runs[i]!;
      const final = await readRunRecord(out);
      expect(final.status).toBe('complete');
      expect(final.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
      const [enc, dec] = weights(out);
      const [refEnc, refDec] = weights(reference);
      expect(enc!.equals(refEnc!), `seed ${seed}: encoder weights differ`).toBe(true);
      expect(dec!.equals(refDec!), `seed ${seed}: decoder weights differ`).toBe(true);
    }
  });
});
