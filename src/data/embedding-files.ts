/**
 * Bare embeddings made elsewhere: codes with labels, as CSV (read as a stream, line by line: a million rows
 * never sit in memory as text) or as NumPy `.npy` arrays. Every problem is refused with where it is: a ragged
 * row, a value that is not a finite number, a label that is not a class.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { IMAGE_PIXELS, IMAGE_SIDE } from '../pure/data/image.js';
import { errorMessage } from '../pure/errors.js';
import { fit28, toGrey } from '../pure/data/grey.js';
import { readIdx } from './idx.js';
import { decodePng } from './png-file.js';

/** Codes (`count * d`, row-major) and one label per code. */
export interface EmbeddingTable {
  codes: Float32Array;
  labels: Uint8Array;
  /** When the file labelled its rows by name: the names in natural order (`img2` before `img10`), index = label. */
  classNames?: string[];
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

/** Longest class name a run keeps (the API's limit). */
export const MAX_CLASS_NAME = 40;

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The CSV rows as they arrive, one line at a time: the codes and labels grow in typed arrays, the text of a
 * line is dropped once parsed. Either a header naming a `label` column (an `index` column is ignored; every
 * other column is a code), as `latent-explorer codes` writes it (`index,label,z1,...`), or no header, the
 * label first and the codes after it. Labels are class numbers, or (with a header) class names: the first row
 * decides, and names are numbered in natural order once the file is read.
 */
export class EmbeddingCsvParser {
  readonly #codes = new Floats();
  readonly #labels = new Bytes();
  #labelAt = 0;
  #skip = new Set<number>();
  #width = -1;
  #lineNo = 0;
  /** Class names by their provisional number (order of first appearance); null while the labels are numbers. */
  #names: Map<string, number> | null = null;
  #firstRow = true;

  /** @param classes number of classes the labels must fall in (0..classes-1), or of distinct names. */
  constructor(readonly classes: number) {}

  /** One line of the file. @throws EmbeddingFileError naming the line and the problem. */
  line(raw: string): void {
    const lineNo = ++this.#lineNo;
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(',');
    if (this.#width < 0) {
      this.#width = fields.length;
      if (!fields.every(isNumber)) {
        const names = fields.map((f) => f.trim().toLowerCase().replace(/^"|"$/g, ''));
        this.#labelAt = names.findIndex((n) => n === 'label' || n === 'labels' || n === 'y' || n === 'class');
        if (this.#labelAt < 0) throw new EmbeddingFileError(`line 1: the header (${line.slice(0, 80)}) has no label column`);
        this.#skip = new Set(names.flatMap((n, i) => (n === 'index' || n === 'id' ? [i] : [])));
        this.#skip.add(this.#labelAt);
        if (this.#width - this.#skip.size < 1) throw new EmbeddingFileError('line 1: the header names no code column');
        return;
      }
      this.#skip = new Set([0]);
    }
    const width = this.#width;
    if (fields.length !== width) throw new EmbeddingFileError(`line ${lineNo} has ${fields.length} values; the first line has ${width}`);
    const text = fields[this.#labelAt]!;
    if (this.#firstRow) {
      this.#firstRow = false;
      // Only a file with a header gets here with text (a first line with text is its header).
      if (!isNumber(text)) this.#names = new Map();
    }
    this.#labels.push(this.#names ? this.#named(text, lineNo) : this.#numbered(text, lineNo));
    for (let i = 0; i < width; i++) {
      if (this.#skip.has(i)) continue;
      const v = Number(fields[i]);
      if (fields[i]!.trim() === '' || !Number.isFinite(v))
        throw new EmbeddingFileError(`line ${lineNo}: '${fields[i]!.slice(0, 20)}' is not a finite number (column ${i + 1})`);
      this.#codes.push(v);
    }
  }

  #numbered(text: string, lineNo: number): number {
    const label = Number(text);
    if (text.trim() === '' || !Number.isInteger(label) || label < 0 || label >= this.classes)
      throw new EmbeddingFileError(`line ${lineNo}: label '${text.slice(0, 20)}' is not a class (0 to ${this.classes - 1})`);
    return label;
  }

  #named(text: string, lineNo: number): number {
    const name = text
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    if (name === '') throw new EmbeddingFileError(`line ${lineNo}: the label is empty`);
    if (name.length > MAX_CLASS_NAME)
      throw new EmbeddingFileError(`line ${lineNo}: label '${name.slice(0, 20)}…' is longer than ${MAX_CLASS_NAME} characters`);
    const names = this.#names!;
    let label = names.get(name);
    if (label === undefined) {
      if (names.size >= this.classes)
        throw new EmbeddingFileError(`line ${lineNo}: label '${name}' is class ${names.size + 1}; at most ${this.classes} classes`);
      label = names.size;
      names.set(name, label);
    }
    return label;
  }

  /** The table read. @throws EmbeddingFileError for a file with no rows or codes too long. */
  finish(): EmbeddingTable {
    const count = this.#labels.length;
    if (count === 0) throw new EmbeddingFileError('the file has no rows');
    const d = this.#codes.length / count;
    if (d > MAX_DIMS) throw new EmbeddingFileError(`the codes have ${d} numbers each; at most ${MAX_DIMS}`);
    const labels = this.#labels.data.slice(0, count);
    const table = { codes: this.#codes.data.slice(0, this.#codes.length), labels, count, d };
    if (!this.#names) return table;
    const classNames = [...this.#names.keys()].sort(naturalOrder);
    const renumber = Uint8Array.from(this.#names.keys(), (name) => classNames.indexOf(name));
    for (let i = 0; i < count; i++) labels[i] = renumber[labels[i]!]!;
    return { ...table, classNames };
  }
}

/**
 * Reads a CSV of codes and labels from a file, streamed line by line (see {@link EmbeddingCsvParser}).
 * @param classes number of classes the labels must fall in (0..classes-1).
 * @throws EmbeddingFileError naming the line and the problem.
 */
export async function readEmbeddingCsv(path: string, classes: number): Promise<EmbeddingTable> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  const parser = new EmbeddingCsvParser(classes);
  for await (const raw of lines) parser.line(raw);
  return parser.finish();
}

/** The same CSV from bytes already in memory (a file the page sent), decoded a slice at a time. */
export function parseEmbeddingCsv(bytes: Uint8Array, classes: number): EmbeddingTable {
  const parser = new EmbeddingCsvParser(classes);
  const decoder = new TextDecoder();
  const SLICE = 1 << 20;
  let rest = '';
  for (let at = 0; at < bytes.length; at += SLICE) {
    const text = rest + decoder.decode(bytes.subarray(at, at + SLICE), { stream: at + SLICE < bytes.length });
    const lines = text.split(/\r?\n/);
    rest = lines.pop()!;
    for (const l of lines) parser.line(l);
  }
  parser.line(rest + decoder.decode());
  return parser.finish();
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
  return parseEmbeddingNpy(
    { bytes: new Uint8Array(await readFile(codesPath)), name: codesPath },
    { bytes: new Uint8Array(await readFile(labelsPath)), name: labelsPath },
    classes,
  );
}

/** Codes and labels from the bytes of two `.npy` files, checked. @throws EmbeddingFileError. */
export function parseEmbeddingNpy(
  codesFile: { bytes: Uint8Array; name: string },
  labelsFile: { bytes: Uint8Array; name: string },
  classes: number,
): EmbeddingTable {
  const codes = parseNpy(codesFile.bytes, codesFile.name);
  const labels = parseNpy(labelsFile.bytes, labelsFile.name);
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

/**
 * The images that came with the codes, one per code in the same order: an IDX file of `[n, 28, 28]` bytes.
 * @throws EmbeddingFileError when it is not such a file or `n` is not `count`.
 */
export function embeddingImagesFromIdx(bytes: Uint8Array, name: string, count: number): Uint8Array {
  let shape: readonly number[];
  let data: Uint8Array;
  try {
    ({ shape, data } = readIdx(bytes, name));
  } catch (err) {
    throw new EmbeddingFileError(errorMessage(err));
  }
  if (shape.length !== 3 || shape[1] !== IMAGE_SIDE || shape[2] !== IMAGE_SIDE)
    throw new EmbeddingFileError(`${name}: images of shape [${shape.join(', ')}]; expected [n, 28, 28]`);
  return checkImageCount(data, count, name);
}

/** Images (`n * 784` bytes) checked to be one per code. @throws EmbeddingFileError. */
export function checkImageCount(images: Uint8Array, count: number, name = 'the images'): Uint8Array {
  const n = images.length / IMAGE_PIXELS;
  if (!Number.isInteger(n)) throw new EmbeddingFileError(`${name}: ${images.length} bytes is not a whole number of 28x28 images`);
  if (n !== count) throw new EmbeddingFileError(`${name} holds ${n} images for ${count} codes: one image per code, in the same order`);
  return images;
}

/** Image files of a folder, in name order with numbers compared as numbers (`img-2.png` before `img-10.png`). */
export function imageNamesInOrder(names: readonly string[]): string[] {
  return names.filter((n) => /\.(png|jpe?g|gif|bmp|webp)$/i.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * The images that came with the codes as a folder of PNG files, one per code, in name order; each drawn into
 * 28x28 grey with MNIST's polarity as the app's page does.
 * @throws EmbeddingFileError when a file is not a readable PNG or the count is not `count`.
 */
export async function embeddingImagesFromFolder(dir: string, count: number): Promise<Uint8Array> {
  const names = imageNamesInOrder(await readdir(dir));
  if (names.length !== count)
    throw new EmbeddingFileError(`${dir} holds ${names.length} images for ${count} codes: one image per code, in the same order`);
  const out = new Uint8Array(count * IMAGE_PIXELS);
  for (let i = 0; i < count; i++) {
    const name = names[i]!;
    if (!/\.png$/i.test(name))
      throw new EmbeddingFileError(`${name}: the command line reads PNG images (the app reads any image its page can show)`);
    try {
      const { width, height, rgba } = decodePng(new Uint8Array(await readFile(join(dir, name))), name);
      out.set(toGrey(fit28(rgba, width, height)), i * IMAGE_PIXELS);
    } catch (err) {
      throw new EmbeddingFileError(errorMessage(err));
    }
  }
  return out;
}
