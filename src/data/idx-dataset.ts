/** A dataset from user IDX files (Fashion-MNIST, KMNIST, EMNIST and the like ship in MNIST's format). */
import { loadIdxPair } from './idx.js';
import type { Dataset } from '../pure/data/types.js';

export interface IdxDatasetFiles {
  trainImages: string;
  trainLabels: string;
  testImages: string;
  testLabels: string;
}

/**
 * Loads four IDX files as a dataset with id `idx:<name>`. Class names are the label numbers unless given.
 * @throws IdxError naming the first file that is missing, malformed, or disagrees with its partner.
 */
export async function loadIdxDataset(name: string, files: IdxDatasetFiles, classNames?: readonly string[]): Promise<Dataset> {
  const [train, test] = await Promise.all([
    loadIdxPair(files.trainImages, files.trainLabels),
    loadIdxPair(files.testImages, files.testLabels),
  ]);
  let top = 0;
  for (const labels of [train.labels, test.labels]) for (const l of labels) if (l > top) top = l;
  const names = classNames ?? Array.from({ length: top + 1 }, (_, i) => String(i));
  return { id: `idx:${name}`, name, train, test, classNames: names };
}
