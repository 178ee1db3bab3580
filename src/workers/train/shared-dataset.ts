/**
 * Datasets for the training worker: the byte arrays are copied once into SharedArrayBuffers, so posting the
 * dataset to a worker shares the memory instead of cloning ~55 MB per run.
 */
import type { Dataset, ImageSet } from '../../pure/data/types.js';

const shared = new WeakMap<Dataset, Dataset>();

function share(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  out.set(bytes);
  return out;
}

function shareSet(set: ImageSet): ImageSet {
  return { images: share(set.images), labels: share(set.labels), count: set.count, rows: set.rows, cols: set.cols };
}

/** `dataset` with its images and labels on SharedArrayBuffers (cached per dataset object). */
export function sharedDataset(dataset: Dataset): Dataset {
  let hit = shared.get(dataset);
  if (!hit) {
    hit = {
      id: dataset.id,
      name: dataset.name,
      train: shareSet(dataset.train),
      test: shareSet(dataset.test),
      classNames: [...dataset.classNames],
    };
    shared.set(dataset, hit);
  }
  return hit;
}
