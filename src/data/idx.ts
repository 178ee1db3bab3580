/**
 * IDX files (the MNIST format, also Fashion-MNIST, KMNIST, EMNIST): a big-endian header
 * `0x00 0x00 <type> <ndims>` then `ndims` uint32 sizes, then the data. We read unsigned-byte files only
 * (type 0x08), which is what every MNIST-like dataset uses, and hand back subarrays of the file buffer.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { IMAGE_SIDE } from '../pure/data/image.js';
import type { ImageSet } from '../pure/data/types.js';
import { errorMessage } from '../pure/errors.js';

export { IMAGE_SIDE };

/** The only element type we read: unsigned bytes. */
export const IDX_UBYTE = 0x08;

export type IdxErrorCode = 'bad-magic' | 'truncated' | 'count-mismatch' | 'bad-shape' | 'io';

/** A file that is not a usable IDX file; `message` names the file. */
export class IdxError extends Error {
  constructor(
    readonly code: IdxErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'IdxError';
  }
}

/** A parsed IDX file: its dimensions and its bytes (a view into the file buffer, not a copy). */
export interface IdxTensor {
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/**
 * Parses an IDX buffer of unsigned bytes.
 * @param name file name used in error messages.
 * @throws IdxError `bad-magic` (wrong leading bytes or element type), `truncated` (shorter than its header says).
 */
export function readIdx(buf: Uint8Array, name: string): IdxTensor {
  if (buf.length < 4) throw new IdxError('truncated', name, `only ${buf.length} bytes, shorter than an IDX header`);
  if (buf[0] !== 0 || buf[1] !== 0 || buf[2] !== IDX_UBYTE || buf[3] < 1 || buf[3] > 4) {
    const magic = [...buf.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new IdxError('bad-magic', name, `bad magic number ${magic} (expected 00 00 08 <1..4>: an unsigned-byte IDX file)`);
  }
  const ndims = buf[3];
  const headerBytes = 4 + 4 * ndims;
  if (buf.length < headerBytes) throw new IdxError('truncated', name, `header needs ${headerBytes} bytes, file has ${buf.length}`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < ndims; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  if (buf.length < headerBytes + size) {
    throw new IdxError('truncated', name, `shape [${shape.join(', ')}] needs ${headerBytes + size} bytes, file has ${buf.length}`);
  }
  return { shape, data: buf.subarray(headerBytes, headerBytes + size) };
}

/** Serialises bytes with a shape as an unsigned-byte IDX file (inverse of {@link readIdx}). */
export function writeIdx(data: Uint8Array, shape: readonly number[]): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw new RangeError(`shape [${shape.join(', ')}] holds ${size} bytes, data has ${data.length}`);
  if (shape.length < 1 || shape.length > 4) throw new RangeError(`IDX files have 1..4 dimensions, got ${shape.length}`);
  const headerBytes = 4 + 4 * shape.length;
  const out = new Uint8Array(headerBytes + size);
  const view = new DataView(out.buffer);
  out[2] = IDX_UBYTE;
  out[3] = shape.length;
  shape.forEach((n, i) => view.setUint32(4 + 4 * i, n, false));
  out.set(data, headerBytes);
  return out;
}

async function readFileBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new IdxError('io', basename(path), errorMessage(err));
  }
}

/** Images of an IDX3 file: `count x 28 x 28`. */
export interface IdxImages {
  readonly images: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Reads an image file (`[count, 28, 28]` unsigned bytes).
 * @throws IdxError `bad-shape` when it is not three-dimensional or its images are not 28x28.
 */
export async function readIdxImages(path: string): Promise<IdxImages> {
  const name = basename(path);
  const { shape, data } = readIdx(await readFileBytes(path), name);
  if (shape.length !== 3) throw new IdxError('bad-shape', name, `expected images [count, 28, 28], got shape [${shape.join(', ')}]`);
  const [count, rows, cols] = shape as [number, number, number];
  if (rows !== IMAGE_SIDE || cols !== IMAGE_SIDE) {
    throw new IdxError('bad-shape', name, `images are ${rows}x${cols}, expected ${IMAGE_SIDE}x${IMAGE_SIDE}`);
  }
  return { images: data, count, rows, cols };
}

/**
 * Reads a label file (`[count]` unsigned bytes).
 * @throws IdxError `bad-shape` when it is not one-dimensional.
 */
export async function readIdxLabels(path: string): Promise<Uint8Array> {
  const name = basename(path);
  const { shape, data } = readIdx(await readFileBytes(path), name);
  if (shape.length !== 1) throw new IdxError('bad-shape', name, `expected labels [count], got shape [${shape.join(', ')}]`);
  return data;
}

/**
 * Reads an image file and its label file into an {@link ImageSet}.
 * @throws IdxError `count-mismatch` when the two files hold different numbers of items.
 */
export async function loadIdxPair(imagesPath: string, labelsPath: string): Promise<ImageSet> {
  const [images, labels] = await Promise.all([readIdxImages(imagesPath), readIdxLabels(labelsPath)]);
  if (images.count !== labels.length) {
    throw new IdxError(
      'count-mismatch',
      basename(labelsPath),
      `${labels.length} labels for ${images.count} images in ${basename(imagesPath)}`,
    );
  }
  return { images: images.images, labels, count: images.count, rows: images.rows, cols: images.cols };
}
