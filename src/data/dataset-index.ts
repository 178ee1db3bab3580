/**
 * The dataset as the API numbers it: train images first, then test images, one index space of
 * `trainCount + testCount`. No 55 MB concatenation: lookups go to the split that holds the index.
 */
import { ApiError, IMAGE_PIXELS, type DatasetSummary } from '../pure/api/api.js';
import type { Dataset } from '../pure/data/types.js';

export interface DatasetIndex {
  readonly dataset: Dataset;
  readonly count: number;
  readonly trainCount: number;
  /** Labels of all images, train then test. */
  readonly labels: Uint8Array;
  readonly summary: DatasetSummary;
  /** The 784 bytes of image `i` (a view, not a copy). */
  image(i: number): Uint8Array;
  /** Images at `indices`, `indices.length * 784` bytes. @throws ApiError `bad-request` for an index out of range. */
  gather(indices: ArrayLike<number>): Uint8Array;
}

export function indexDataset(dataset: Dataset): DatasetIndex {
  const trainCount = dataset.train.count;
  const count = trainCount + dataset.test.count;
  const labels = new Uint8Array(count);
  labels.set(dataset.train.labels.subarray(0, trainCount));
  labels.set(dataset.test.labels.subarray(0, dataset.test.count), trainCount);
  const image = (i: number) => {
    const [set, k] = i < trainCount ? [dataset.train, i] : [dataset.test, i - trainCount];
    return set.images.subarray(k * IMAGE_PIXELS, (k + 1) * IMAGE_PIXELS);
  };
  return {
    dataset,
    count,
    trainCount,
    labels,
    summary: {
      id: dataset.id,
      name: dataset.name,
      trainCount,
      testCount: dataset.test.count,
      classNames: [...dataset.classNames],
      ...(dataset.noImages ? { noImages: dataset.noImages } : {}),
    },
    image,
    gather(indices) {
      if (dataset.noImages) throw new ApiError('bad-request', `no images: ${dataset.noImages}`);
      const out = new Uint8Array(indices.length * IMAGE_PIXELS);
      for (let j = 0; j < indices.length; j++) {
        const i = indices[j];
        if (!Number.isInteger(i) || i < 0 || i >= count) throw new ApiError('bad-request', `image index ${i} is outside 0..${count - 1}`);
        out.set(image(i), j * IMAGE_PIXELS);
      }
      return out;
    },
  };
}
