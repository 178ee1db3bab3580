/**
 * Bare embeddings made elsewhere: codes with labels, as CSV (read as a stream, line by line: a million rows
 * never sit in memory as text) or as NumPy `.npy` arrays. Every problem is refused with where it is: a ragged
 * row, a value that is not a finite number, a label that is not a class.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Codes (`count * d`, row-major) and one label per code. */
export interface EmbeddingTable {
  codes: Float32Array;
  labels: Uint8Array;
  count: number;
  d: number;
}

export class EmbeddingFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddingFileError';
  }
}

/** Largest latent size and class count the app shows. */
export const MAX_DIMS = 64;

/** A Float32Array that grows by doubling. */
class Floats {
  data = new Float32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

class Bytes {
  data = new Uint8Array(1 << 14);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/**
 * Reads a CSV of codes and labels: either with a header naming a `label` column (an `index` column is
 * ignored; every other column is a code), as `latent-explorer codes` writes it (`index,label,z1,...`), or
 * without a header, the label first and the codes after it.
 * @param classes number of classes the labels must fall in (0..classes-1).
 * @throws EmbeddingFileError naming the line and the problem.
 */
export async function readEmbeddingCsv(path: string, classes: number): Promise<EmbeddingTable> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  const codes = new Floats();
  const labels = new Bytes();
  let labelAt = 0;
  let skip = new Set<number>();
  let width = -1;
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (line === '') continue;
    const fields = line.split(',');
    if (width < 0) {
      width = fields.length;
      if (!fields.every(isNumber)) {
        const names = fields.map((f) => f.trim().toLowerCase().replace(/^"|"$/g, ''));
        labelAt = names.findIndex((n) => n === 'label' || n === 'labels' || n === 'y' || n === 'class');
        if (labelAt < 0) throw new EmbeddingFileError(`line 1: the header (${line.slice(0, 80)}) has no label column`);
        skip = new Set(names.flatMap((n, i) => (n === 'index' || n === 'id' ? [i] : [])));
        skip.add(labelAt);
        if (width - skip.size < 1) throw new EmbeddingFileError('line 1: the header names no code column');
        continue;
      }
      skip = new Set([0]);
    }
    if (fields.length !== width) throw new EmbeddingFileError(`line ${lineNo} has ${fields.length} values; the first line has ${width}`);
    const label = Number(fields[labelAt]);
    if (!Number.isInteger(label) || label < 0 || label >= classes)
      throw new EmbeddingFileError(`line ${lineNo}: label '${fields[labelAt]!.slice(0, 20)}' is not a class (0 to ${classes - 1})`);
    labels.push(label);
    for (let i = 0; i < width; i++) {
      if (skip.has(i)) continue;
      const v = Number(fields[i]);
      if (fields[i]!.trim() === '' || !Number.isFinite(v))
        throw new EmbeddingFileError(`line ${lineNo}: '${fields[i]!.slice(0, 20)}' is not a finite number (column ${i + 1})`);
      codes.push(v);
    }
  }
  const count = labels.length;
  if (count === 0) throw new EmbeddingFileError('the file has no rows');
  const d = codes.length / count;
  if (d > MAX_DIMS) throw new EmbeddingFileError(`the codes have ${d} numbers each; at most ${MAX_DIMS}`);
  return { codes: codes.data.slice(0, codes.length), labels: labels.data.slice(0, count), count, d };
}

/** A parsed `.npy`: its shape and values as float64 (codes) or integers (labels). */
export interface NpyArray {
  shape: number[];
  values: Float64Array;
}

const DTYPES: Record<string, { bytes: number; read: (v: DataView, at: number) => number }> = {
  '<f4': { bytes: 4, read: (v, at) => v.getFloat32(at, true) },
  '<f8': { bytes: 8, read: (v, at) => v.getFloat64(at, true) },
  '<i8': { bytes: 8, read: (v, at) => Number(v.getBigInt64(at, true)) },
  '<i4': { bytes: 4, read: (v, at) => v.getInt32(at, true) },
  '<i2': { bytes: 2, read: (v, at) => v.getInt16(at, true) },
  '|u1': { bytes: 1, read: (v, at) => v.getUint8(at) },
  '|i1': { bytes: 1, read: (v, at) => v.getInt8(at) },
};

/** Parses a NumPy `.npy` file (little-endian numbers, C order). @throws EmbeddingFileError. */
export function parseNpy(bytes: Uint8Array, name = 'the .npy file'): NpyArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((m, i) => bytes[i] !== m)) throw new EmbeddingFileError(`${name} is not a NumPy .npy file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = new TextDecoder().decode(bytes.subarray(major === 1 ? 10 : 12, start));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new EmbeddingFileError(`${name}: unreadable header`);
  const dtype = DTYPES[descr];
  if (!dtype) throw new EmbeddingFileError(`${name}: element type ${descr} is not supported (float32/64 or integers, little-endian)`);
  if (fortran === 'True') throw new EmbeddingFileError(`${name}: Fortran order; save it with np.ascontiguousarray`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  if (bytes.length - start < n * dtype.bytes) throw new EmbeddingFileError(`${name} is truncated: ${n} values announced`);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = dtype.read(view, start + i * dtype.bytes);
  return { shape, values };
}

/** Codes from a `[n, d]` `.npy` and labels from a `[n]` `.npy`, checked. @throws EmbeddingFileError. */
export async function readEmbeddingNpy(codesPath: string, labelsPath: string, classes: number): Promise<EmbeddingTable> {
  const codes = parseNpy(new Uint8Array(await readFile(codesPath)), codesPath);
  const labels = parseNpy(new Uint8Array(await readFile(labelsPath)), labelsPath);
  if (codes.shape.length !== 2) throw new EmbeddingFileError(`the codes have shape (${codes.shape.join(', ')}); expected (n, d)`);
  const [count, d] = codes.shape as [number, number];
  if (d < 1 || d > MAX_DIMS) throw new EmbeddingFileError(`the codes have ${d} numbers each; expected 1 to ${MAX_DIMS}`);
  if (labels.shape.length !== 1 || labels.shape[0] !== count)
    throw new EmbeddingFileError(`the labels have shape (${labels.shape.join(', ')}); expected (${count},), one per code`);
  const out = new Float32Array(count * d);
  for (let i = 0; i < out.length; i++) {
    const v = codes.values[i]!;
    if (!Number.isFinite(v)) throw new EmbeddingFileError(`code ${Math.floor(i / d)}, value ${(i % d) + 1} is not a finite number`);
    out[i] = v;
  }
  const lab = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const l = labels.values[i]!;
    if (!Number.isInteger(l) || l < 0 || l >= classes)
      throw new EmbeddingFileError(`label ${i} is ${l}, not a class (0 to ${classes - 1})`);
    lab[i] = l;
  }
  return { codes: out, labels: lab, count, d };
}
