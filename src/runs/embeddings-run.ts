/**
 * Embeddings runs: codes made elsewhere, with no model. `codes.f32` (count * d float32, little-endian) and
 * `labels.u8` beside `run.json`, their SHA-256 in the record: either one code per image of a dataset the app has
 * (train then test in its order), or codes of any count with their own labels, and optionally their own images
 * (`images.u8`, dataset `run:<id>`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IMAGE_PIXELS } from '../pure/data/image.js';
import { fileDigest, refuseSymlink } from './model-files.js';
import { TMP_MARK } from './marks.js';
import { RunError, runRecordSchema, type RunRecord } from './record.js';
import { RUN_JSON, replaceDir } from './save.js';
import { errorMessage } from '../pure/errors.js';
import { OWN_IMAGES_FILE, OWN_LABELS_FILE } from '../data/own-data.js';

export const CODES_FILE = 'codes.f32';
export const LABELS_FILE = OWN_LABELS_FILE;
export const IMAGES_FILE = OWN_IMAGES_FILE;

/** The labels (and images) an embeddings run brings itself, when it is not one code per image of a dataset. */
export interface OwnData {
  classNames: string[];
  /** `count * 784` grey bytes, one image per code; null when the codes came without images. */
  images: Uint8Array | null;
}

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
  own?: OwnData,
): Promise<RunRecord> {
  const codes = bytesOf(table.codes);
  const images = own?.images ?? null;
  const full = runRecordSchema.parse({
    ...record,
    kind: 'embeddings',
    embeddings: {
      count: table.count,
      d: table.d,
      files,
      checksums: { codes: fileDigest(codes), labels: fileDigest(table.labels), ...(images ? { images: fileDigest(images) } : {}) },
      ...(own ? { classNames: own.classNames, images: images !== null } : {}),
    },
  });
  const tmp = `${dir}${TMP_MARK}${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, CODES_FILE), codes);
    await writeFile(join(tmp, LABELS_FILE), table.labels);
    if (images) await writeFile(join(tmp, IMAGES_FILE), images);
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
  if (e.images) {
    if (!e.checksums.images) throw new RunError('corrupt', dir, `${RUN_JSON}: the digest of ${IMAGES_FILE} is missing`);
    await read(IMAGES_FILE, e.checksums.images, e.count * IMAGE_PIXELS);
  }
  // A fresh, aligned copy: a Float32Array view needs a 4-byte-aligned offset.
  return { codes: new Float32Array(codeBytes.slice().buffer), labels };
}
