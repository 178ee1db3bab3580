/**
 * The Runs tab's embeddings import: the user's files as an `importEmbeddings` request. Codes travel as the
 * file's bytes (the engine parses and checks them); images as an IDX file's bytes, or a folder of images, in
 * name order (`img-2.png` before `img-10.png`), decoded here to 28x28 grey one per code.
 */
import type { RequestOf } from '../../../src/pure/api/api.js';
import { decodeImageFile } from '../studio/import.js';

export interface CodesFiles {
  name: string;
  codes: File;
  /** `.npy` labels, with a `.npy` of codes. */
  labels: File | null;
  /** An IDX file of the images, or the files of a folder of images. */
  images: File[];
  /** One code per image of this dataset; null when the codes bring their own labels. */
  dataset: string | null;
}

const bytes = async (f: File) => new Uint8Array(await f.arrayBuffer());
const IMAGE = /\.(png|jpe?g|gif|bmp|webp)$/i;

/** Files of a folder in name order, numbers compared as numbers. */
export function inNameOrder(files: readonly File[]): File[] {
  const path = (f: File) => f.webkitRelativePath || f.name;
  return files.filter((f) => IMAGE.test(f.name)).sort((a, b) => path(a).localeCompare(path(b), undefined, { numeric: true }));
}

/** The request for `files`. @throws Error naming an image the browser could not read. */
export async function codesRequest(files: CodesFiles): Promise<RequestOf<'importEmbeddings'>> {
  const npy = /\.npy$/i.test(files.codes.name);
  const req: RequestOf<'importEmbeddings'> = {
    name: files.name,
    format: npy ? 'npy' : 'csv',
    fileName: files.codes.name,
    codes: await bytes(files.codes),
    ...(npy && files.labels ? { labels: await bytes(files.labels) } : {}),
    ...(files.dataset ? { dataset: files.dataset as RequestOf<'importEmbeddings'>['dataset'] } : {}),
  };
  if (files.dataset || files.images.length === 0) return req;
  if (files.images.length === 1 && !IMAGE.test(files.images[0]!.name)) return { ...req, imagesIdx: await bytes(files.images[0]!) };
  const ordered = inNameOrder(files.images);
  const pixels = new Uint8Array(ordered.length * 784);
  for (let i = 0; i < ordered.length; i++) {
    const grey = await decodeImageFile(ordered[i]!);
    if (!grey) throw new Error(`${ordered[i]!.name} could not be read as an image`);
    pixels.set(grey, i * 784);
  }
  return { ...req, imagePixels: pixels };
}
