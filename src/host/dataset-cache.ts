/**
 * The datasets an engine session has loaded, indexed once each: MNIST (loaded on first use), Fashion-MNIST
 * (converted once, loaded only when a run needs it) and the user's imported ones (`user:<slug>`). A load that
 * fails is forgotten, so the next request tries again; `clear` lets the memory go when the session ends.
 */
import { FASHION_ID, loadFashionMnist } from '../data/fashion-mnist.js';
import { loadMnist, MNIST_ID } from '../data/mnist.js';
import { ApiError } from '../pure/api/api.js';
import { indexDataset, type DatasetIndex } from '../data/dataset-index.js';
import { errorMessage } from '../pure/errors.js';
import { ownDataRunId } from '../data/own-data.js';
import { loadRunDataset } from '../data/run-dataset.js';
import { userDatasets } from './datasets.js';

export interface DatasetCache {
  /** MNIST, the default dataset. */
  mnist(): Promise<DatasetIndex>;
  /**
   * The dataset `id` names: MNIST (also when absent), Fashion-MNIST or an imported one.
   * @throws ApiError `not-found` for an unknown id or a deleted import: never MNIST in place of a run's own images.
   */
  get(id?: string): Promise<DatasetIndex>;
  /** The handlers of imported datasets (listing, importing). */
  readonly handlers: ReturnType<typeof userDatasets>['handlers'];
  /** Forgets every loaded dataset (requests in flight keep theirs). */
  clear(): void;
}

export function createDatasetCache(opts: { runsDir: string }): DatasetCache {
  const loaded = new Map<string, Promise<DatasetIndex>>();
  /** `load()` once per key; a failure is not kept. */
  const cached = (key: string, load: () => Promise<DatasetIndex>): Promise<DatasetIndex> => {
    let hit = loaded.get(key);
    if (!hit) {
      hit = load();
      loaded.set(key, hit);
      hit.catch(() => loaded.get(key) === hit && loaded.delete(key));
    }
    return hit;
  };
  const mnist = () => cached('mnist', () => loadMnist().then(indexDataset));
  const imported = userDatasets({ runsDir: opts.runsDir, mnist: async () => (await mnist()).summary });
  return {
    mnist,
    get(id) {
      if (id?.startsWith('user:')) return cached(id, () => imported.load(id).then(indexDataset));
      if (id && ownDataRunId(id))
        return cached(id, () =>
          loadRunDataset(id, { runsDirs: [opts.runsDir] }).then(indexDataset, (err: unknown) => {
            throw new ApiError('not-found', errorMessage(err));
          }),
        );
      if (id === FASHION_ID) return cached(FASHION_ID, () => loadFashionMnist().then(indexDataset));
      if (id === undefined || id === MNIST_ID) return mnist();
      return Promise.reject(new ApiError('not-found', `unknown dataset '${id.slice(0, 60)}'`));
    },
    handlers: imported.handlers,
    clear: () => loaded.clear(),
  };
}
