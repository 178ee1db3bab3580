/**
 * Crashes: the engine is killed (SIGKILL: no handler, no cleanup) while it saves a run and while it trains. After
 * a restart nothing is lost but the unfinished epoch (or the unfinished save), and no corrupt or half-written run
 * appears in the library.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainConfig, TrainEnd, TrainProgress } from '../../src/pure/api/api.js';
import { listRuns, loadRun, readRunRecord, recoverRuns } from '../../src/runs/index.js';
import { DELETED_MARK, OLD_MARK, TMP_MARK } from '../../src/runs/marks.js';
import { ROOT, connectApi, spawnServe } from '../helpers/serve-process.js';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped default run as run `id` of a library, in folder `folder` (default: the id). */
function plantRun(root: string, id: string, folder = id): void {
  const dir = join(root, folder);
  cpSync(join(ROOT, 'assets', 'default-run'), dir, { recursive: true });
  const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { id: string };
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...record, id }));
}

/** Loads every listed run (models disposed again): a listed run must be usable, not just present. */
async function loadAll(root: string): Promise<string[]> {
  const { runs, skipped } = await listRuns(root);
  expect(skipped).toEqual([]);
  for (const run of runs) {
    const loaded = await loadRun(run.dir);
    loaded.encoder.dispose();
    loaded.decoder.dispose();
  }
  return runs.map((r) => r.id);
}

describe('recoverRuns', () => {
  it('recoverRuns puts the finished new version in place when a save died between its two renames', async () => {
    const root = tempDir('lex-recover-');
    plantRun(root, 'r', `r${OLD_MARK}aaaa`);
    plantRun(root, 'r', `r${TMP_MARK}bbbb`);
    writeFileSync(join(root, `r${TMP_MARK}bbbb`, 'marker'), 'new');
    expect((await listRuns(root)).runs).toEqual([]);
    expect(await recoverRuns(root)).toEqual({ restored: ['r'], removed: [`r${OLD_MARK}aaaa`] });
    expect(readdirSync(root)).toEqual(['r']);
    expect(existsSync(join(root, 'r', 'marker'))).toBe(true);
    expect(await loadAll(root)).toEqual(['r']);
  });

  it('recoverRuns brings the old version back when the new one never got its run.json', async () => {
    const root = tempDir('lex-recover-');
    plantRun(root, 'r', `r${OLD_MARK}aaaa`);
    mkdirSync(join(root, `r${TMP_MARK}cccc`, 'encoder'), { recursive: true });
    await recoverRuns(root);
    expect(readdirSync(root)).toEqual(['r']);
    expect(await loadAll(root)).toEqual(['r']);
  });

  it('recoverRuns removes what an interrupted delete or a stale temp folder left, and never resurrects a deleted run', async () => {
    const root = tempDir('lex-recover-');
    plantRun(root, 'keep');
    plantRun(root, 'gone', `gone${DELETED_MARK}dddd`);
    mkdirSync(join(root, `keep${TMP_MARK}eeee`));
    const recovery = await recoverRuns(root);
    expect(recovery.restored).toEqual([]);
    expect(readdirSync(root)).toEqual(['keep']);
  });
});

describe('killing the engine during a run save', () => {
  it('after SIGKILL at random moments of repeated saves, the run is always there, loadable, at the last or a newer version', async () => {
    const root = tempDir('lex-crash-save-');
    let lastSaved = -1;
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/save-loop.ts', root, String(lastSaved + 1)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/saved \d+/.test(out)) resolve();
        });
        void exited.then(() => reject(new Error(`save loop exited early: ${err}`)));
      });
      // Somewhere inside a later save: each takes a few to tens of milliseconds.
      await new Promise((r) => setTimeout(r, 5 + round * 17));
      child.kill('SIGKILL');
      await exited;
      const saved = [...out.matchAll(/saved (\d+)/g)].map((m) => Number(m[1]));
      lastSaved = Math.max(...saved);
      await recoverRuns(root);
      expect(readdirSync(root)).toEqual(['r']);
      expect(await loadAll(root)).toEqual(['r']);
      const version = Number((await readRunRecord(join(root, 'r'))).name.slice(1));
      // The last completed save is kept, or the one that was completing when the kill came.
      expect(version === lastSaved || version === lastSaved + 1).toBe(true);
      lastSaved = version;
    }
  });

  it('a kill between the two renames of a save loses nothing: the run comes back on restart', async () => {
    const root = tempDir('lex-crash-rename-');
    plantRun(root, 'r');
    // The exact state replaceDir leaves after its first rename: old version aside, complete new one waiting.
    renameSync(join(root, 'r'), join(root, `r${OLD_MARK}1234`));
    plantRun(root, 'r', `r${TMP_MARK}5678`);
    const serve = await spawnServe({ runsDir: root });
    try {
      const conn = await connectApi(serve.url);
      const runs = await conn.api.listRuns();
      expect(runs.map((r) => r.id)).toContain('r');
      conn.close();
    } finally {
      await serve.kill('SIGTERM');
    }
    expect(readdirSync(root)).toEqual(['r']);
  });
});

const tiny: TrainConfig = {
  name: 'crash',
  arch: 'dense',
  latent: 2,
  hidden: [32],
  filters: [],
  activation: 'relu',
  loss: 'bce',
  noise: { kind: 'dropout', level: 0 },
  beta: 1,
  contraction: 0,
  learningRate: 0.003,
  batchSize: 50,
  epochs: 4,
  seed: 5,
  limit: 1000,
};

describe('killing the engine during training', () => {
  it('SIGKILL right after an epoch ends (its checkpoint being saved) loses at most that epoch; the restarted engine offers the checkpoint and resumes it to the end', async () => {
    const root = tempDir('lex-crash-train-');
    let serve = await spawnServe({ runsDir: root });
    let runId: string;
    let epochsSeen = 0;
    try {
      const conn = await connectApi(serve.url);
      const epoch2 = new Promise<void>((resolve) => {
        conn.api.onDidTrainProgress((p: TrainProgress) => {
          if (p.kind !== 'epoch') return;
          epochsSeen = p.epoch;
          if (p.epoch === 2) resolve();
        });
      });
      ({ runId } = await conn.api.startTraining({ config: tiny }));
      await epoch2;
      // The checkpoint of epoch 2 is being written now (onCheckpoint is awaited after the epoch event).
      await new Promise((r) => setTimeout(r, 20));
      await serve.kill('SIGKILL');
      conn.close();
    } catch (err) {
      await serve.kill();
      throw err;
    }
    expect(epochsSeen).toBe(2);

    serve = await spawnServe({ runsDir: root });
    try {
      const conn = await connectApi(serve.url);
      // Listing only shows complete runs; the interrupted one is offered as a checkpoint.
      expect((await conn.api.listRuns()).map((r) => r.id)).not.toContain(runId);
      const offers = await conn.api.listCheckpoints();
      expect(offers.map((o) => o.id)).toEqual([runId]);
      const done = offers[0]!.epochs;
      expect(done === 1 || done === 2).toBe(true);
      expect(offers[0]!.epochsPlanned).toBe(4);
      expect(await loadAll(root)).toEqual([runId]);

      const end = new Promise<TrainEnd>((resolve) => conn.api.onDidTrainEnd(resolve));
      await conn.api.resumeRun({ id: runId });
      expect((await end).outcome).toBe('complete');
      const record = await readRunRecord(join(root, runId));
      expect(record.status).toBe('complete');
      expect(record.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
      expect((await conn.api.listRuns()).map((r) => r.id)).toContain(runId);
      expect(await conn.api.listCheckpoints()).toEqual([]);
      conn.close();
    } finally {
      await serve.kill('SIGTERM');
    }
    expect(await loadAll(root)).toEqual([runId]);
  });
});
