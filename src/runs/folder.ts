/** Resolving a run id to its folder, refusing anything that would lead outside the runs library. */
import { lstat, realpath } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { RunError } from './record.js';

/**
 * The folder of run `id` inside `root`, checked on disk: it must be a real directory (not a symlink) whose real
 * path lies inside the real path of `root`. `id` must already be a plain folder name (see `isRunId`).
 * @throws RunError `missing` when there is no such folder, `refused` when it is a link or leads outside `root`.
 */
export async function runFolder(root: string, id: string): Promise<string> {
  const dir = join(root, id);
  const info = await lstat(dir).catch(() => null);
  if (!info) throw new RunError('missing', dir, 'no such run folder');
  if (info.isSymbolicLink() || !info.isDirectory())
    throw new RunError('refused', dir, 'not a plain folder (a symbolic link or a file): refused');
  const [realRoot, realDir] = await Promise.all([realpath(root), realpath(dir)]);
  const rel = relative(realRoot, realDir);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new RunError('refused', dir, 'leads outside the runs library: refused');
  return dir;
}
