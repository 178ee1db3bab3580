/**
 * A run folder chosen outside the runs library, as the bytes of a run zip: main reads only the files a run
 * has (plain files, no links) and hands them to the page, whose `importRun` request checks them like any zip.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

const TOP = new Set(['run.json', 'encoder', 'decoder', 'onnx', 'codes.f32', 'labels.u8']);
const MAX_FILES = 64;

async function collect(dir: string, rel: string, out: Zippable, count: { n: number }): Promise<void> {
  for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (!rel && !TOP.has(entry.name)) continue;
    if (entry.isSymbolicLink()) throw new Error(`${path} is a symbolic link; a run holds plain files only`);
    if (entry.isDirectory()) await collect(dir, path, out, count);
    else if (entry.isFile()) {
      if (++count.n > MAX_FILES) throw new Error(`more than ${MAX_FILES} run files`);
      out[path] = new Uint8Array(await readFile(join(dir, ...path.split('/'))));
    }
  }
}

/** The zip of run folder `dir`. @throws Error when it is not a folder or holds a link. */
export async function zipRunFolder(dir: string): Promise<Uint8Array> {
  if (!(await lstat(dir)).isDirectory()) throw new Error(`${dir} is not a folder`);
  const files: Zippable = {};
  await collect(dir, '', files, { n: 0 });
  return zipSync(files, { level: 1 });
}
