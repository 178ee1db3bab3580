/**
 * Turning the user's files into a dataset the engine can store: a pair of IDX files (images, labels), or a
 * folder of images with one subfolder per class, each converted to 28x28 grey with MNIST's polarity (light
 * ink on black). Pure apart from `decodeImageFile`, which needs the browser's image decoder.
 */
import { IMAGE_PIXELS, MAX_IMPORT_IMAGES } from '../../../src/pure/api/api.js';
import { toGrey } from '../../../src/pure/data/grey.js';

/** Images ready for `importDataset`. */
export interface ImportedImages {
  images: Uint8Array;
  labels: Uint8Array;
  classNames: string[];
}

/** Why files were refused, as a message key of `studio.import.err.*` and parameters. */
export class ImportError extends Error {
  constructor(
    readonly key:
      | 'studio.import.err.idx'
      | 'studio.import.err.shape'
      | 'studio.import.err.count'
      | 'studio.import.err.empty'
      | 'studio.import.err.tooMany'
      | 'studio.import.err.classes',
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** An unsigned-byte IDX file: its shape and its bytes (a view). @throws ImportError. */
export function parseIdx(buf: Uint8Array): { shape: number[]; data: Uint8Array } {
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0 || buf[2] !== 0x08 || buf[3]! < 1 || buf[3]! > 4)
    throw new ImportError('studio.import.err.idx');
  const dims = buf[3]!;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.length < 4 + 4 * dims) throw new ImportError('studio.import.err.idx');
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * dims;
  if (buf.length < start + size) throw new ImportError('studio.import.err.idx');
  return { shape, data: buf.subarray(start, start + size) };
}

/** Images and labels from an IDX pair; classes are the label numbers. @throws ImportError. */
export function fromIdxPair(imagesFile: Uint8Array, labelsFile: Uint8Array): ImportedImages {
  const img = parseIdx(imagesFile);
  const lab = parseIdx(labelsFile);
  if (img.shape.length !== 3 || img.shape[1] !== 28 || img.shape[2] !== 28 || lab.shape.length !== 1)
    throw new ImportError('studio.import.err.shape');
  if (img.shape[0] !== lab.shape[0]) throw new ImportError('studio.import.err.count', { images: img.shape[0]!, labels: lab.shape[0]! });
  return checked({ images: img.data, labels: lab.data, classNames: classNumbers(lab.data) });
}

function classNumbers(labels: Uint8Array): string[] {
  let top = 0;
  for (const l of labels) if (l > top) top = l;
  return Array.from({ length: top + 1 }, (_, i) => String(i));
}

function checked(r: ImportedImages): ImportedImages {
  if (r.labels.length < 2) throw new ImportError('studio.import.err.empty');
  if (r.labels.length > MAX_IMPORT_IMAGES) throw new ImportError('studio.import.err.tooMany', { max: MAX_IMPORT_IMAGES });
  if (r.classNames.length > 64) throw new ImportError('studio.import.err.classes', { max: 64 });
  return r;
}

/**
 * Classes of a folder upload from the files' relative paths (`root/<class>/.../file.png`): the class is the
 * first folder under the root, classes sorted by name. Files not under a class folder, or not images, are left
 * out (`null`).
 */
export function labelFolders(paths: readonly string[]): { classNames: string[]; labels: (number | null)[] } {
  const classOf = paths.map((p) => {
    const parts = p.split('/').filter(Boolean);
    return parts.length >= 3 && /\.(png|jpe?g)$/i.test(parts.at(-1)!) ? parts[1]! : null;
  });
  const classNames = [...new Set(classOf.filter((c): c is string => c !== null))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  return { classNames, labels: classOf.map((c) => (c === null ? null : classNames.indexOf(c))) };
}

export { toGrey };

/** A file of a folder upload that was left out, and why. */
export interface SkippedFile {
  path: string;
  /** `not-image`: not a PNG/JPEG inside a class folder; `unreadable`: the browser could not decode it. */
  reason: 'not-image' | 'unreadable';
}

/** A folder import: the images kept, and what was left out (nothing is dropped silently). */
export interface FolderImport extends ImportedImages {
  skipped: SkippedFile[];
  /** Class folders none of whose files could be read: left out, not kept as empty classes. */
  emptyClasses: string[];
}

/**
 * Images of a folder upload, in file order, from already-converted grey images (`null`: not decoded). Classes
 * left with no image are dropped and the others renumbered in order; `paths` name what was skipped.
 * @throws ImportError.
 */
export function fromFolder(
  greys: readonly (Uint8Array | null)[],
  labels: readonly (number | null)[],
  classNames: string[],
  paths: readonly string[] = [],
): FolderImport {
  const keep = greys.flatMap((g, i) => (g && labels[i] != null ? [i] : []));
  const skipped: SkippedFile[] = [];
  greys.forEach((g, i) => {
    if (labels[i] == null) skipped.push({ path: paths[i] ?? `#${i}`, reason: 'not-image' });
    else if (!g) skipped.push({ path: paths[i] ?? `#${i}`, reason: 'unreadable' });
  });
  const used = classNames.map((_, c) => keep.some((i) => labels[i] === c));
  const renumber = classNames.map((_, c) => used.slice(0, c).filter(Boolean).length);
  const images = new Uint8Array(keep.length * IMAGE_PIXELS);
  keep.forEach((i, k) => images.set(greys[i]!, k * IMAGE_PIXELS));
  const result = checked({
    images,
    labels: Uint8Array.from(keep, (i) => renumber[labels[i]!]!),
    classNames: classNames.filter((_, c) => used[c]),
  });
  return { ...result, skipped, emptyClasses: classNames.filter((_, c) => !used[c]) };
}

/** The skipped files of one reason, as a short list for people: the first few paths and how many more. */
export function skippedList(skipped: readonly SkippedFile[], reason: SkippedFile['reason'], shown = 3): { count: number; names: string } {
  const paths = skipped.filter((s) => s.reason === reason).map((s) => s.path);
  const names = paths.slice(0, shown).join(', ') + (paths.length > shown ? ', …' : '');
  return { count: paths.length, names };
}

/** Images per class. */
export function classCounts(labels: Uint8Array, classes: number): number[] {
  const out = new Array<number>(classes).fill(0);
  for (const l of labels) out[l] = (out[l] ?? 0) + 1;
  return out;
}

/** Decodes an image file and draws it, aspect kept and centred, into 28x28 grey (browser only). */
export async function decodeImageFile(file: Blob): Promise<Uint8Array | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const canvas = new OffscreenCanvas(28, 28);
    const ctx = canvas.getContext('2d')!;
    const s = 28 / Math.max(bitmap.width, bitmap.height);
    const w = bitmap.width * s,
      h = bitmap.height * s;
    ctx.drawImage(bitmap, (28 - w) / 2, (28 - h) / 2, w, h);
    bitmap.close();
    return toGrey(ctx.getImageData(0, 0, 28, 28).data);
  } catch {
    return null;
  }
}
