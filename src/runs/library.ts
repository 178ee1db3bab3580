/** The runs library: a folder of run folders. Listing never loads models and never fails on one bad run. */
import { randomBytes } from 'node:crypto';
import { readdir, rename, rm } from 'node:fs/promises';
import { syncDir, writeFileDurable } from './durable.js';
import { basename, join } from 'node:path';
import { readRunRecord } from './load.js';
import { checkRunCached, pruneVerdicts, verifyInBackground } from './check-cache.js';
import { RunError, runRecordSchema, type RunRecord } from './record.js';
import { DELETED_MARK, OLD_MARK, TMP_MARK } from './marks.js';
import { RUN_JSON } from './save.js';

export type ListedRun = RunRecord & {
  /** Absolute or root-relative path of the run folder. */
  dir: string;
  /** The id written in run.json when it is not the folder's name (the folder was copied or renamed). */
  recordId?: string;
};

export interface RunListing {
  /** Valid runs, newest first. */
  runs: ListedRun[];
  /** Folders that are not usable runs, with the reason; they are left on disk untouched. */
  skipped: { dir: string; reason: string }[];
}

/** Lists the runs under `root` (an absent root is an empty library). */
export async function listRuns(root: string): Promise<RunListing> {
  let entries: { name: string; isDirectory(): boolean }[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return { runs: [], skipped: [] };
  }
  const runs: ListedRun[] = [];
  const skipped: RunListing['skipped'] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    if (entry.name.includes(TMP_MARK) || entry.name.includes(OLD_MARK) || entry.name.includes(DELETED_MARK)) {
      skipped.push({ dir, reason: 'half-written (a save was interrupted)' });
      continue;
    }
    try {
      // A run is its folder: a copied or renamed folder keeps the id written inside it, which must not make two
      // rows of one id (a delete or open by that id would reach the wrong folder). The folder name is the id.
      const record = await checkRunCached(dir);
      runs.push({ ...record, id: entry.name, dir, ...(record.id !== entry.name ? { recordId: record.id } : {}) });
    } catch (err) {
      skipped.push({ dir, reason: err instanceof RunError ? err.reason : String(err) });
    }
  }
  pruneVerdicts(root, new Set(entries.map((e) => join(root, e.name))));
  setImmediate(verifyInBackground);
  runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { runs, skipped };
}

/** Rewrites a run's `run.json` with `change` applied, atomically (temp file + rename). */
export async function updateRunRecord(dir: string, change: (record: RunRecord) => RunRecord): Promise<RunRecord> {
  // Written back under its folder's name: a copied folder becomes a run of its own at its first change.
  const next = runRecordSchema.parse({ ...change(await readRunRecord(dir)), id: basename(dir) });
  const tmp = join(dir, `${RUN_JSON}${TMP_MARK}${randomBytes(4).toString('hex')}`);
  await writeFileDurable(tmp, JSON.stringify(next, null, 2) + '\n');
  await rename(tmp, join(dir, RUN_JSON));
  await syncDir(dir);
  return next;
}

/** Renames a run (its display name; the folder keeps its id). */
export function renameRun(dir: string, name: string): Promise<RunRecord> {
  return updateRunRecord(dir, (record) => ({ ...record, name }));
}

/**
 * Deletes a run folder: first moved aside (so it disappears from listings at once), then removed. Its own mark
 * (not a save's) tells `recoverRuns` that a leftover is to be removed, never restored.
 */
export async function deleteRun(dir: string): Promise<void> {
  const old = `${dir}${DELETED_MARK}${randomBytes(4).toString('hex')}`;
  await rename(dir, old);
  await rm(old, { recursive: true, force: true });
}
