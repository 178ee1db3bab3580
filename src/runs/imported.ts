/**
 * Imported ONNX runs on disk: the two graphs in `onnx/` beside `run.json`, their SHA-256 in the record, checked
 * on every load like a trained run's weights (a changed file is refused, never explored as this run).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileDigest, refuseSymlink } from './model-files.js';
import { TMP_MARK } from './marks.js';
import { RunError, runRecordSchema, type RunRecord } from './record.js';
import { RUN_JSON, replaceDir } from './save.js';
import { errorMessage } from '../pure/errors.js';

export const ONNX_DIR = 'onnx';
export const ONNX_FILES = { encoder: 'encoder.onnx', decoder: 'decoder.onnx' } as const;

/** Whether a record is an imported ONNX run (its models are graphs in `onnx/`, not TF.js folders). */
export function isOnnxRun(record: RunRecord): boolean {
  return record.kind === 'imported' && record.imported?.format === 'onnx';
}

/**
 * Writes an imported ONNX run folder atomically (temp folder, then renamed into place), with the graphs'
 * digests in the record.
 */
export async function saveOnnxRun(
  dir: string,
  graphs: { encoder: Uint8Array; decoder: Uint8Array },
  record: RunRecord,
): Promise<RunRecord> {
  const imported = record.imported;
  if (!imported) throw new Error('saveOnnxRun: the record has no import origin');
  const full = runRecordSchema.parse({
    ...record,
    kind: 'imported',
    imported: { ...imported, format: 'onnx', checksums: { encoder: fileDigest(graphs.encoder), decoder: fileDigest(graphs.decoder) } },
  });
  const tmp = `${dir}${TMP_MARK}${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(join(tmp, ONNX_DIR), { recursive: true });
    await writeFile(join(tmp, ONNX_DIR, ONNX_FILES.encoder), graphs.encoder);
    await writeFile(join(tmp, ONNX_DIR, ONNX_FILES.decoder), graphs.decoder);
    await writeFile(join(tmp, RUN_JSON), JSON.stringify(full, null, 2) + '\n');
    await replaceDir(tmp, dir);
    return full;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The two graphs of an imported ONNX run, checked against the record's digests.
 * @throws RunError `corrupt` naming the missing or changed file.
 */
export async function readOnnxGraphs(dir: string, record: RunRecord): Promise<{ encoder: Uint8Array; decoder: Uint8Array }> {
  const sums = record.imported?.checksums;
  if (!sums) throw new RunError('corrupt', dir, `${RUN_JSON}: an imported ONNX run without the digests of its graphs`);
  const read = async (part: 'encoder' | 'decoder'): Promise<Uint8Array> => {
    const path = join(dir, ONNX_DIR, ONNX_FILES[part]);
    try {
      await refuseSymlink(path);
      const bytes = new Uint8Array(await readFile(path));
      if (fileDigest(bytes) !== sums[part])
        throw new Error(`${ONNX_DIR}/${ONNX_FILES[part]} was changed after the import (its SHA-256 differs)`);
      return bytes;
    } catch (err) {
      const message = errorMessage(err);
      throw new RunError('corrupt', dir, /ENOENT/.test(message) ? `${ONNX_DIR}/${ONNX_FILES[part]} is missing` : message);
    }
  };
  return { encoder: await read('encoder'), decoder: await read('decoder') };
}
