/**
 * Datasets the user imports (IDX files, or a folder of images the page has converted to 28x28 grey): stored
 * as IDX files in `<runs>/.datasets/<slug>/` with a seeded train/test split, listed beside the built-in MNIST
 * and Fashion-MNIST, and trained on as `user:<slug>`. Requests carry bytes, never paths.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError, IMAGE_PIXELS, USER_DATASET, type DatasetSummary } from '../pure/api/api.js';
import { FASHION_CLASSES, FASHION_ID } from '../pure/data/fashion-classes.js';
import { writeIdx } from '../data/idx.js';
import { loadImportedDataset, missingDatasetMessage } from '../data/run-dataset.js';
import { seededPermutation } from '../pure/data/random.js';
import type { Dataset, ImageSet } from '../pure/data/types.js';
import type { Handlers } from './host.js';

/** Folder inside the runs library that holds imported datasets (a dot folder: never listed as a run). */
export const DATASETS_DIR = '.datasets';
/** Share of an import kept for the test split (at least one image). */
export const TEST_FRACTION = 0.15;
const SPLIT_SEED = 1;
const META = 'dataset.json';
const metaSchema = z.object({
  name: z.string(),
  classNames: z.array(z.string()),
  trainCount: z.number().int(),
  testCount: z.number().int(),
});

/** `My Letters!` -> `my-letters`; never empty. */
export function datasetSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return slug || 'dataset';
}

/** A seeded split of `labels.length` images into train and test (`testFraction` of them, at least one). */
export function splitImported(
  images: Uint8Array,
  labels: Uint8Array,
  testFraction = TEST_FRACTION,
  seed = SPLIT_SEED,
): { train: ImageSet; test: ImageSet } {
  const n = labels.length;
  const testCount = Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
  const order = seededPermutation(n, seed);
  const make = (from: number, to: number): ImageSet => {
    const count = to - from;
    const out = new Uint8Array(count * IMAGE_PIXELS);
    const outLabels = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      const i = order[from + k]!;
      out.set(images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), k * IMAGE_PIXELS);
      outLabels[k] = labels[i]!;
    }
    return { images: out, labels: outLabels, count, rows: 28, cols: 28 };
  };
  return { test: make(0, testCount), train: make(testCount, n) };
}

const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;

export interface UserDatasetsOptions {
  runsDir: string;
  /** Summary of MNIST (loaded by the session anyway). */
  mnist: () => Promise<DatasetSummary>;
}

export function userDatasets(opts: UserDatasetsOptions) {
  const root = join(opts.runsDir, DATASETS_DIR);
  const loaded = new Map<string, Promise<Dataset>>();

  const dirOf = (id: string): string => {
    if (!USER_DATASET.test(id)) throw new ApiError('bad-request', `'${id.slice(0, 60)}' is not an imported dataset id`);
    return join(root, id.slice('user:'.length));
  };

  async function summaryOf(slug: string): Promise<DatasetSummary | null> {
    try {
      const meta = metaSchema.parse(JSON.parse(await readFile(join(root, slug, META), 'utf8')));
      return { id: `user:${slug}`, name: meta.name, trainCount: meta.trainCount, testCount: meta.testCount, classNames: meta.classNames };
    } catch {
      return null;
    }
  }

  /** The imported dataset `id`. @throws ApiError `not-found`. */
  function load(id: string): Promise<Dataset> {
    let hit = loaded.get(id);
    if (!hit) {
      const dir = dirOf(id);
      hit = (async () => {
        const meta = await summaryOf(id.slice('user:'.length));
        if (!meta) throw new ApiError('not-found', missingDatasetMessage(id));
        return loadImportedDataset(id, dir);
      })();
      hit.catch(() => loaded.delete(id));
      loaded.set(id, hit);
    }
    return hit;
  }

  const handlers: Pick<Handlers, 'listDatasets' | 'importDataset'> = {
    listDatasets: async () => {
      const builtIn: DatasetSummary[] = [
        await opts.mnist(),
        { id: FASHION_ID, name: 'Fashion-MNIST', trainCount: 60_000, testCount: 10_000, classNames: [...FASHION_CLASSES] },
      ];
      const names = await readdir(root).catch(() => [] as string[]);
      const user = (
        await Promise.all(
          names
            .filter((n) => !n.includes('.'))
            .sort()
            .map(summaryOf),
        )
      ).filter((s): s is DatasetSummary => s !== null);
      return [...builtIn, ...user];
    },
    importDataset: async ({ name, images, labels, classNames }) => {
      await mkdir(root, { recursive: true });
      const base = datasetSlug(name);
      let slug = base;
      for (
        let k = 2;
        await stat(join(root, slug)).then(
          () => true,
          () => false,
        );
        k++
      )
        slug = `${base}-${k}`;
      const { train, test } = splitImported(images, labels);
      const tmp = join(root, `${slug}.tmp-${randomBytes(4).toString('hex')}`);
      await mkdir(tmp);
      try {
        await writeFile(join(tmp, FILES[0]), writeIdx(train.images, [train.count, 28, 28]));
        await writeFile(join(tmp, FILES[1]), writeIdx(train.labels, [train.count]));
        await writeFile(join(tmp, FILES[2]), writeIdx(test.images, [test.count, 28, 28]));
        await writeFile(join(tmp, FILES[3]), writeIdx(test.labels, [test.count]));
        await writeFile(
          join(tmp, META),
          JSON.stringify({ name, classNames, trainCount: train.count, testCount: test.count }, null, 2) + '\n',
        );
        await rename(tmp, join(root, slug));
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        throw err;
      }
      return (await summaryOf(slug))!;
    },
  };

  return { handlers, load };
}
