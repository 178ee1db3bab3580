/**
 * The checks behind the runs list, done once per version of a run. Listing used to re-hash every model file on
 * every call (1.4-1.8 s for 300 runs) and still listed as complete four kinds of corrupt run that failed only
 * when opened: swapped or reshaped models, files changed and re-hashed, a latent size that disagrees with the
 * record, non-finite outputs. Now verdicts are kept under the size, modification time and inode of each of a
 * run's files (a later listing only stats them; any change, e.g. a save replacing the folder, checks again), and
 * every listed run is also checked as thoroughly as opening it would, in the background (building models takes
 * tens of milliseconds a run: 300 of them must not hold up the list). A run found corrupt is skipped from the
 * next listing on.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { isEmbeddingsRun } from './embeddings-run.js';
import { isOnnxRun } from './imported.js';
import { checkRun, loadRun, readRunRecord } from './load.js';
import type { RunRecord } from './record.js';
import { RUN_JSON } from './save.js';

const FILES = [RUN_JSON, 'encoder', 'encoder/model.json', 'encoder/weights.bin', 'decoder', 'decoder/model.json', 'decoder/weights.bin'];

type Verdict = { record: RunRecord } | { error: unknown };
/** Quick verdicts (record and files read and hashed) and deep ones (models built and probed), per version. */
const quick = new Map<string, { signature: string; verdict: Verdict }>();
const deep = new Map<string, { signature: string; verdict: Verdict }>();
const queue = new Map<string, string>();
let draining: Promise<void> | null = null;

/** Size, modification time and inode of each file a run's check reads ('-' for an absent one). */
async function signature(dir: string): Promise<string> {
  const parts = await Promise.all(
    FILES.map((name) =>
      lstat(join(dir, name)).then(
        (s) => `${s.size}:${s.mtimeMs}:${s.ino}:${s.mode}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
}

const settle = (work: Promise<RunRecord>): Promise<Verdict> =>
  work.then(
    (record) => ({ record }),
    (error: unknown) => ({ error }),
  );

/**
 * The deep check: models that load, have the run's shapes and give finite outputs for a blank input. ONNX graphs
 * and bare embeddings are not TF.js models: their digests (the quick check) are what can change after the import
 * probed them.
 */
async function deepCheck(dir: string): Promise<RunRecord> {
  const record = await readRunRecord(dir);
  if (isOnnxRun(record) || isEmbeddingsRun(record)) return checkRun(dir);
  const run = await loadRun(dir);
  run.encoder.dispose();
  run.decoder.dispose();
  return run.record;
}

/** Deep-checks the queued runs one at a time, yielding between them, so listing never waits for it. */
function drain(): Promise<void> {
  draining ??= (async () => {
    while (queue.size > 0) {
      const [dir, sig] = queue.entries().next().value as [string, string];
      queue.delete(dir);
      await new Promise<void>((resolve) => setImmediate(resolve));
      const verdict = await settle(deepCheck(dir));
      if ((await signature(dir)) === sig) deep.set(dir, { signature: sig, verdict });
    }
    draining = null;
  })();
  return draining;
}

/** Starts the deep checks of the runs listed so far, after the listing answered (so they never slow it). */
export function verifyInBackground(): void {
  if (queue.size > 0) void drain();
}

/** Resolves when every run listed so far has had its deep check (tests, benchmarks). */
export function whenVerified(): Promise<void> {
  verifyInBackground();
  return draining ?? Promise.resolve();
}

/**
 * Checks the run in `dir` for listing. The quick check (valid record, both models' files present, of the sizes
 * their manifests say, finite, matching their checksums) runs once per version of the files; the deep check
 * (what opening does: models built, shapes against the record, finite outputs) runs in the background once per
 * version, and a run it found corrupt is refused from then on.
 * @throws RunError (or the error a check threw).
 */
export async function checkRunCached(dir: string): Promise<RunRecord> {
  const sig = await signature(dir);
  const deepHit = deep.get(dir);
  if (deepHit && deepHit.signature === sig && 'error' in deepHit.verdict) throw deepHit.verdict.error;
  const hit = quick.get(dir);
  let verdict: Verdict;
  if (hit && hit.signature === sig) verdict = hit.verdict;
  else {
    verdict = await settle(checkRun(dir));
    // Kept only if nothing changed while it was checked.
    if ((await signature(dir)) === sig) quick.set(dir, { signature: sig, verdict });
  }
  if ('error' in verdict) throw verdict.error;
  if (!(deepHit && deepHit.signature === sig)) queue.set(dir, sig);
  return verdict.record;
}

/** Forgets the verdicts of folders under `root` not in `present` (deleted runs). */
export function pruneVerdicts(root: string, present: ReadonlySet<string>): void {
  for (const cache of [quick, deep]) for (const dir of cache.keys()) if (dir.startsWith(root) && !present.has(dir)) cache.delete(dir);
}
