/**
 * Reading a run's files without ever blocking on them. A FIFO, socket or device planted under a run's fixed
 * file names would make a plain `readFile` wait forever (and hold one of libuv's four file-system threads), so
 * files are opened non-blocking, checked to be regular files on the open descriptor, and read under a time limit.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { basename } from 'node:path';

/** Longest a run file read may take before it is reported instead of awaited. */
export const READ_TIMEOUT_MS = 10_000;

/** A run file that is not a regular file, or that could not be read in time. */
export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotRegularFileError';
  }
}

function kindOf(info: { isFIFO(): boolean; isSocket(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  if (info.isSymbolicLink()) return 'a symbolic link';
  return 'a device or other special file';
}

/**
 * The bytes of the regular file at `path`. Never follows a final symlink (O_NOFOLLOW) and never blocks on a
 * FIFO (O_NONBLOCK, then fstat on the descriptor, so no race between check and read).
 * @throws NotRegularFileError for anything but a regular file, or after `timeoutMs`; the fs error (ENOENT...) else.
 */
export async function readRegularFile(path: string, opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? READ_TIMEOUT_MS;
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP')
      throw new NotRegularFileError(path, `${basename(path)} is a symbolic link; run files must be plain files`);
    throw err;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotRegularFileError(path, `${basename(path)} is ${kindOf(info)}, not a regular file: skipped`);
    if (opts.maxBytes !== undefined && info.size > opts.maxBytes)
      throw new Error(`${basename(path)} has ${info.size} bytes, more than the ${opts.maxBytes} expected`);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new NotRegularFileError(path, `${basename(path)} could not be read within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    return await Promise.race([handle.readFile(), timeout]);
  } finally {
    clearTimeout(timer);
    await handle.close().catch(() => {});
  }
}

/**
 * Refuses a run's sub-folder (`encoder/`, `decoder/`, `state/`) that is a symbolic link or not a folder: the
 * files inside are read by fixed names, and a link could send those reads outside the library (docs/security.md).
 * An absent folder is left for the read that follows to report.
 */
export async function refuseLinkedDir(path: string): Promise<void> {
  const info = await lstat(path).catch(() => null);
  if (!info) return;
  if (info.isSymbolicLink())
    throw new NotRegularFileError(path, `${basename(path)}/ is a symbolic link; run folders must hold plain folders: refused`);
  if (!info.isDirectory()) throw new NotRegularFileError(path, `${basename(path)} is ${kindOf(info)}, not a folder`);
}
