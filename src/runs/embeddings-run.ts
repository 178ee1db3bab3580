/**
 * Embeddings runs: codes made elsewhere, with no model. `codes.f32` (count * d float32, little-endian, train
 * then test in the dataset's order) and `labels.u8` beside `run.json`, their SHA-256 in the record.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileDigest, refuseSymlink } from './model-files.js';
import { TMP_MARK } from './marks.js';
import { RunError, runRecordSchema, type RunRecord } from './record.js';
import { RUN_JSON, replaceDir } from './save.js';
import { errorMessage } from '../pure/errors.js';

export const CODES_FILE = 'codes.f32';
export const LABELS_FILE = 'labels.u8';

export function isEmbeddingsRun(record: RunRecord): boolean {
  return record.kind === 'embeddings';
}

const bytesOf = (codes: Float32Array) => new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);

/** Writes an embeddings run folder atomically; returns the record as written (with digests). */
export async function saveEmbeddingsRun(
  dir: string,
  table: { codes: Float32Array; labels: Uint8Array; count: number; d: number },
  record: RunRecord,
  files: string[],
): Promise<RunRecord> {
  const codes = bytesOf(table.codes);
  const full = runRecordSchema.parse({
    ...record,
    kind: 'embeddings',
    embeddings: { count: table.count, d: table.d, files, checksums: { codes: fileDigest(codes), labels: fileDigest(table.labels) } },
  });
  const tmp = `${dir}${TMP_MARK}${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, CODES_FILE), codes);
    await writeFile(join(tmp, LABELS_FILE), table.labels);
    await writeFile(join(tmp, RUN_JSON), JSON.stringify(full, null, 2) + '\n');
    await replaceDir(tmp, dir);
    return full;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** The codes and labels of an embeddings run, checked against the record. @throws RunError `corrupt`. */
export async function readEmbeddingsRun(dir: string, record: RunRecord): Promise<{ codes: Float32Array; labels: Uint8Array }> {
  const e = record.embeddings;
  if (!e) throw new RunError('corrupt', dir, `${RUN_JSON}: an embeddings run without its embeddings entry`);
  const read = async (name: string, digest: string, size: number): Promise<Uint8Array> => {
    try {
      await refuseSymlink(join(dir, name));
      const bytes = new Uint8Array(await readFile(join(dir, name)));
      if (bytes.length !== size) throw new Error(`${name} has ${bytes.length} bytes, the record says ${size}`);
      if (fileDigest(bytes) !== digest) throw new Error(`${name} was changed after the import (its SHA-256 differs)`);
      return bytes;
    } catch (err) {
      const message = errorMessage(err);
      throw new RunError('corrupt', dir, /ENOENT/.test(message) ? `${name} is missing` : message);
    }
  };
  const codeBytes = await read(CODES_FILE, e.checksums.codes, e.count * e.d * 4);
  const labels = await read(LABELS_FILE, e.checksums.labels, e.count);
  // A fresh, aligned copy: a Float32Array view needs a 4-byte-aligned offset.
  return { codes: new Float32Array(codeBytes.slice().buffer), labels };
}
