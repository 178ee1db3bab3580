/**
 * Writes that survive a power cut. A rename is atomic, but without fsync the new file's data (or the rename
 * itself, which lives in the directory) may still be only in the page cache when the power goes: after the
 * reboot the run could be empty or gone. So saved files are fsynced before they are renamed into place, and the
 * directories that gained or lost entries are fsynced after.
 */
import { open } from 'node:fs/promises';

/** Writes `data` to `path` and flushes it to the disk before resolving. */
export async function writeFileDurable(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a directory's entries (files created, renamed or removed in it). Systems that cannot open a
 * directory for this (Windows) make their renames durable themselves; there it is skipped.
 */
export async function syncDir(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'EPERM' || code === 'EACCES') return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on a directory (EINVAL): nothing more can be done there.
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
  } finally {
    await handle.close();
  }
}
