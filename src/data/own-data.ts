/**
 * The data an embeddings run brings itself: one label per code (`labels.u8`) and, when the import had them, one
 * 28x28 grey image per code (`images.u8`), in the run's folder. As a dataset it is all train (the codes came
 * with no split), named `run:<run id>`; without images it says why, and image requests are refused with that.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IMAGE_PIXELS, IMAGE_SIDE } from '../pure/data/image.js';
import type { Dataset, ImageSet } from '../pure/data/types.js';

export const OWN_LABELS_FILE = 'labels.u8';
export const OWN_IMAGES_FILE = 'images.u8';
const RUN_ID = /^run:([A-Za-z0-9][A-Za-z0-9._-]{0,199})$/;

/** The dataset id of run `runId`'s own data. */
export const ownDatasetId = (runId: string): string => `run:${runId}`;

/** The run id of an own-data dataset id, or null when `id` is not one. */
export const ownDataRunId = (id: string): string | null => RUN_ID.exec(id)?.[1] ?? null;

/** What a page is told when an embeddings run came without images. */
export const NO_IMAGES_REASON =
  'the embeddings were imported without images (import them with an IDX file or a folder of images to see them)';

/** The part of `run.json` the own data needs. */
const ownMetaSchema = z.object({
  name: z.string(),
  embeddings: z.object({ count: z.number().int().positive(), classNames: z.array(z.string()).min(1), images: z.boolean() }),
});

/** The own data of a run as a dataset (every code in the train split). */
export function ownDataset(
  id: string,
  name: string,
  classNames: readonly string[],
  labels: Uint8Array,
  images: Uint8Array | null,
): Dataset {
  const set = (count: number, l: Uint8Array, im: Uint8Array): ImageSet => ({
    images: im,
    labels: l,
    count,
    rows: IMAGE_SIDE,
    cols: IMAGE_SIDE,
  });
  return {
    id,
    name,
    train: set(labels.length, labels, images ?? new Uint8Array(0)),
    test: set(0, new Uint8Array(0), new Uint8Array(0)),
    classNames: [...classNames],
    ...(images ? {} : { noImages: NO_IMAGES_REASON }),
  };
}

/**
 * Loads the own data of the run in `runDir` (the run's digests are checked when the run itself is opened).
 * @throws Error when the folder is not an embeddings run with its own data, or a file has the wrong size.
 */
export async function loadOwnDataset(id: string, runDir: string): Promise<Dataset> {
  const meta = ownMetaSchema.parse(JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')));
  const { count, classNames, images } = meta.embeddings;
  const labels = new Uint8Array(await readFile(join(runDir, OWN_LABELS_FILE)));
  if (labels.length !== count) throw new Error(`${OWN_LABELS_FILE} holds ${labels.length} labels; the run has ${count} codes`);
  let pixels: Uint8Array | null = null;
  if (images) {
    pixels = new Uint8Array(await readFile(join(runDir, OWN_IMAGES_FILE)));
    if (pixels.length !== count * IMAGE_PIXELS)
      throw new Error(`${OWN_IMAGES_FILE} has ${pixels.length} bytes; the run has ${count} codes`);
  }
  return ownDataset(id, meta.name, classNames, labels, pixels);
}
