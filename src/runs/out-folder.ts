/**
 * Where `train --out` may save. Saving replaces the folder at `--out` as a whole, so only a folder that holds
 * nothing of the user's may be replaced: none at all, an empty folder, or a run of ours, and a run only when the
 * user asked for it (`--overwrite`; `--resume` continues it instead). Anything else is refused before training.
 */
import { lstat, readdir } from 'node:fs/promises';
import { readRunRecord } from './load.js';
import { RunError } from './record.js';

export type OutFolder =
  /** Nothing there yet, or an empty folder. */
  | { kind: 'free' }
  /** A run of ours (its run.json reads as one). */
  | { kind: 'run'; status: 'complete' | 'checkpoint' };

/** What is at `out`. @throws Error saying why the place cannot take a run (a file, a folder of other things). */
export async function inspectOutFolder(out: string): Promise<OutFolder> {
  const info = await lstat(out).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new Error(`--out ${out} cannot be inspected (${err.code ?? err.message})`);
  });
  if (!info) return { kind: 'free' };
  if (info.isSymbolicLink()) throw new Error(`--out ${out} is a symbolic link; give the folder itself`);
  if (!info.isDirectory()) throw new Error(`--out ${out} is a file, not a run folder: refusing to replace it (choose another --out)`);
  const entries = await readdir(out);
  if (entries.length === 0) return { kind: 'free' };
  try {
    const record = await readRunRecord(out);
    return { kind: 'run', status: record.status };
  } catch (err) {
    const why = err instanceof RunError && err.code !== 'missing' ? ` (${err.message})` : '';
    throw new Error(
      `--out ${out} is a folder that is not a run of this app (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} inside)${why}: ` +
        'refusing to replace it (choose a new or empty folder)',
      { cause: err },
    );
  }
}

/**
 * Checks that training may save to `out`.
 * @throws Error with a one-line reason when it may not: a non-run, or a run without `overwrite` (or `resume`).
 */
export async function checkOutFolder(out: string, opts: { overwrite?: boolean; resume?: boolean }): Promise<void> {
  const found = await inspectOutFolder(out);
  if (found.kind === 'free' || opts.resume) return;
  if (!opts.overwrite) {
    const hint = found.status === 'checkpoint' ? '--resume continues it; ' : '';
    throw new Error(`--out ${out} already holds a ${found.status === 'checkpoint' ? 'checkpoint' : 'run'}: ${hint}--overwrite replaces it`);
  }
}
