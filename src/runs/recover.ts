/**
 * Crash recovery for the runs library, run when the engine starts. `saveRun` replaces a run in two renames
 * (old folder aside to `<id>.old-x`, complete new folder `<id>.tmp-y` into place); a crash between them leaves
 * the run under neither name. Here the complete new folder (it has its run.json, written last) is put in place,
 * or else the old one goes back; leftovers of interrupted saves and deletes are removed.
 */
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RUN_JSON } from './save.js';
import { DELETED_MARK, OLD_MARK, TMP_MARK } from './marks.js';

export interface Recovery {
  /** Run ids put back in place (from a finished save, or the version before it). */
  restored: string[];
  /** Leftover folders removed. */
  removed: string[];
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Base id and mark of a folder name such as `run-1.tmp-ab12cd34`, or null for a plain run folder. */
function marked(name: string): { id: string; mark: string } | null {
  for (const mark of [TMP_MARK, OLD_MARK, DELETED_MARK]) {
    const at = name.lastIndexOf(mark);
    if (at > 0) return { id: name.slice(0, at), mark };
  }
  return null;
}

/**
 * Temporary files a failed write left (a rename that failed on a full disk): `run.json.tmp-x` inside run
 * folders, `<slug>.tmp-x` in `.datasets/`. Nothing reads them; without this they stay forever.
 * Returns their paths relative to `root`.
 */
async function removeTmpFiles(root: string, folders: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of folders) {
    if (marked(folder)) continue;
    let entries: string[];
    try {
      entries = await readdir(join(root, folder));
    } catch {
      continue;
    }
    for (const name of entries) {
      if (!name.includes(TMP_MARK)) continue;
      await rm(join(root, folder, name), { recursive: true, force: true });
      removed.push(`${folder}/${name}`);
    }
  }
  return removed;
}

/** Repairs what interrupted saves and deletes left in `root` (absent root: nothing to do). */
export async function recoverRuns(root: string): Promise<Recovery> {
  const out: Recovery = { restored: [], removed: [] };
  let names: string[];
  try {
    names = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return out;
  }
  const groups = new Map<string, { tmp: string[]; old: string[]; deleted: string[] }>();
  for (const name of names) {
    const m = marked(name);
    if (!m) continue;
    const g = groups.get(m.id) ?? { tmp: [], old: [], deleted: [] };
    (m.mark === TMP_MARK ? g.tmp : m.mark === OLD_MARK ? g.old : g.deleted).push(name);
    groups.set(m.id, g);
  }
  out.removed.push(...(await removeTmpFiles(root, names)));
  for (const [id, g] of groups) {
    const dir = join(root, id);
    if (!(await exists(dir)) && g.old.length > 0) {
      // Interrupted between the two renames of a replace: prefer the finished new version.
      const complete = [];
      for (const name of g.tmp) if (await exists(join(root, name, RUN_JSON))) complete.push(name);
      const pick = complete[0] ?? g.old[0]!;
      await rename(join(root, pick), dir);
      out.restored.push(id);
      g.tmp = g.tmp.filter((n) => n !== pick);
      g.old = g.old.filter((n) => n !== pick);
    }
    for (const name of [...g.tmp, ...g.old, ...g.deleted]) {
      await rm(join(root, name), { recursive: true, force: true });
      out.removed.push(name);
    }
  }
  return out;
}
