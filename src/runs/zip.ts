/**
 * Runs travel as one `.zip`: the run folder's files under their relative paths. Opening one (or a run folder
 * from anywhere on disk) goes through one installation: every entry name checked, the files written to a
 * temporary folder inside the library, the whole run checked there (record, digests of every model file), and
 * only then renamed into place under a fresh id. A file that is not a run, or a damaged one, is refused with the
 * reason and leaves the library as it was.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { checkRun, readRunRecord } from './load.js';
import { isOnnxRun } from './imported.js';
import { ownDataRunId, ownDatasetId } from '../data/own-data.js';
import { CODES_FILE, IMAGES_FILE, LABELS_FILE, isEmbeddingsRun } from './embeddings-run.js';
import { LOGVAR_DIR, MODEL_JSON, WEIGHTS_BIN, fileDigest } from './model-files.js';
import { TMP_MARK } from './marks.js';
import { RunError, runRecordSchema, type RunRecord } from './record.js';
import { RUN_JSON } from './save.js';
import { errorMessage } from '../pure/errors.js';

/** Top-level entries a run folder may hold. */
const TOP = new Set([RUN_JSON, 'encoder', 'decoder', LOGVAR_DIR, 'onnx', 'state', CODES_FILE, LABELS_FILE, IMAGES_FILE]);
/** Limits that keep a hostile archive from filling the disk or memory. */
const MAX_FILES = 64;
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;
const ENTRY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Why a run cannot be installed; the library is unchanged when this is thrown. */
export class RunImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunImportError';
  }
}

async function filesUnder(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) throw new RunImportError(`${relative(root, path)} is a symbolic link; a run holds plain files only`);
    if (entry.isDirectory()) out.push(...(await filesUnder(path, root)));
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/**
 * The run folder `dir` as one zip (checked first: a broken run is not handed on). The record travels with the
 * SHA-256 of every model file (added when an older run lacks them), so a file damaged on the way is refused on
 * arrival; a training's resume state stays home (a travelled run is for exploring).
 */
export async function zipRun(dir: string): Promise<Uint8Array> {
  const record = await checkRun(dir);
  const files: Zippable = {};
  const stamp = { level: 6, mtime: new Date('2000-01-01T00:00:00Z') } as const;
  for (const rel of await filesUnder(dir)) {
    const top = rel.split('/')[0]!;
    if (!TOP.has(top) || top === 'state' || top === RUN_JSON) continue;
    files[rel] = [new Uint8Array(await readFile(join(dir, ...rel.split('/')))), stamp];
  }
  const digest = (rel: string) => fileDigest(files[rel]![0] as Uint8Array);
  const checksums =
    record.checksums ??
    (isOnnxRun(record) || isEmbeddingsRun(record)
      ? undefined
      : {
          encoder: { model: digest(`encoder/${MODEL_JSON}`), weights: digest(`encoder/${WEIGHTS_BIN}`) },
          decoder: { model: digest(`decoder/${MODEL_JSON}`), weights: digest(`decoder/${WEIGHTS_BIN}`) },
          ...(files[`${LOGVAR_DIR}/${MODEL_JSON}`]
            ? { logvar: { model: digest(`${LOGVAR_DIR}/${MODEL_JSON}`), weights: digest(`${LOGVAR_DIR}/${WEIGHTS_BIN}`) } }
            : {}),
        });
  files[RUN_JSON] = [strToU8(JSON.stringify({ ...record, ...(checksums ? { checksums } : {}) }, null, 2) + '\n'), stamp];
  return zipSync(files);
}

/** The relative path -> bytes map of a zip, entry names and sizes checked, a single wrapping folder removed. */
export function runFilesFromZip(bytes: Uint8Array): Map<string, Uint8Array> {
  let count = 0;
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        if (++count > MAX_FILES) throw new RunImportError(`the archive has more than ${MAX_FILES} files; a run has a handful`);
        total += file.originalSize;
        if (file.originalSize > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES)
          throw new RunImportError('the archive unpacks to more than a run can hold');
        return true;
      },
    });
  } catch (err) {
    if (err instanceof RunImportError) throw err;
    throw new RunImportError(`not a zip archive, or a damaged one (${errorMessage(err)})`);
  }
  let names = Object.keys(entries);
  for (const name of names) {
    if (!ENTRY.test(name) || name.split('/').includes('..'))
      throw new RunImportError(`the archive has an entry named '${name.slice(0, 80)}': refused`);
  }
  // An archive made by hand usually wraps the folder: accept `my-run/run.json` as `run.json`.
  const tops = new Set(names.map((n) => n.split('/')[0]!));
  if (!names.includes(RUN_JSON) && tops.size === 1) {
    const [wrap] = tops;
    names = names.map((n) => n.slice(wrap!.length + 1));
    entries = Object.fromEntries(Object.entries(entries).map(([n, b]) => [n.slice(wrap!.length + 1), b]));
  }
  if (!names.includes(RUN_JSON)) throw new RunImportError(`the archive is not a run: it has no ${RUN_JSON}`);
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    if (!TOP.has(name.split('/')[0]!)) throw new RunImportError(`the archive has '${name.slice(0, 80)}', which is not part of a run`);
    files.set(name, data);
  }
  return files;
}

/** The relative path -> bytes map of a run folder anywhere on disk. */
export async function runFilesFromFolder(dir: string): Promise<Map<string, Uint8Array>> {
  const info = await lstat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new RunImportError(`${dir} is not a folder`);
  const names = (await filesUnder(dir)).filter((n) => TOP.has(n.split('/')[0]!));
  if (!names.includes(RUN_JSON)) throw new RunImportError(`${dir} is not a run folder: it has no ${RUN_JSON}`);
  if (names.length > MAX_FILES) throw new RunImportError(`${dir} has more than ${MAX_FILES} run files`);
  const files = new Map<string, Uint8Array>();
  for (const name of names) files.set(name, new Uint8Array(await readFile(join(dir, ...name.split('/')))));
  return files;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A run id free in `root`, from the record's own: `x`, else `x-2`, `x-3`... */
async function freeId(root: string, id: string): Promise<string> {
  const base =
    id
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 180) || 'run';
  if (!(await exists(join(root, base)))) return base;
  for (let k = 2; ; k++) if (!(await exists(join(root, `${base}-${k}`)))) return `${base}-${k}`;
}

/**
 * Installs a run's files into the library `root` under a fresh id, after checking the whole run in a temporary
 * folder there. Returns the installed record.
 * @throws RunImportError (nothing is left in the library then).
 */
export async function installRun(root: string, files: Map<string, Uint8Array>): Promise<RunRecord> {
  const jsonBytes = files.get(RUN_JSON);
  if (!jsonBytes) throw new RunImportError(`not a run: no ${RUN_JSON}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonBytes));
  } catch (err) {
    throw new RunImportError(`${RUN_JSON} is not valid JSON (${errorMessage(err)})`);
  }
  const parsed = runRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RunImportError(`${RUN_JSON} is not a valid run record (${issue.path.join('.') || '(root)'}: ${issue.message})`);
  }
  const record = parsed.data;
  if (record.status !== 'complete')
    throw new RunImportError('the run is an unfinished checkpoint; export it once its training has finished');
  await mkdir(root, { recursive: true });
  const id = await freeId(root, record.id);
  const tmp = join(root, `${id}${TMP_MARK}${randomBytes(4).toString('hex')}`);
  try {
    for (const [name, data] of files) {
      const path = join(tmp, ...name.split('/'));
      await mkdir(dirname(path), { recursive: true });
      // A run that brings its own data names it by its id, which changes here.
      const dataset = ownDataRunId(record.dataset) ? ownDatasetId(id) : record.dataset;
      await writeFile(path, name === RUN_JSON ? JSON.stringify({ ...record, id, dataset }, null, 2) + '\n' : data);
    }
    try {
      await checkRun(tmp);
    } catch (err) {
      throw new RunImportError(err instanceof RunError ? err.message.slice(err.dir.length + 2) : String(err));
    }
    const dest = join(root, id);
    if (await exists(dest)) throw new RunImportError(`a run '${id}' appeared in the library meanwhile; try again`);
    await rename(tmp, dest);
    return await readRunRecord(dest);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
