/**
 * The shipped digit classifier (`assets/classifier-<dataset>/`, made by `latent-explorer train-classifier`):
 * loaded once per dataset on first use; it labels what a run's decoder draws at given codes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { ApiError, type RequestOf, type ResponseMap } from '../pure/api/api.js';
import { decodeCodes } from '../latent/decode-codes.js';
import { classifyImages } from '../latent/classify.js';
import { loadModelFiles } from '../runs/model-files.js';
import { checkCodes } from './latent-lab.js';
import type { ModelCache } from './models.js';

interface Loaded {
  model: tf.LayersModel;
  accuracy: number;
  weights: number;
  classes: number;
}

export interface ClassifierDeps {
  models: ModelCache;
  /** Folder holding the classifiers, one `classifier-<dataset>` folder each. */
  assetsDir: string;
}

type ClassifierHandlers = { [K in 'classifierInfo' | 'classifyCodes']: (arg: RequestOf<K>) => Promise<ResponseMap[K]> };

export function classifierHandlers({ models, assetsDir }: ClassifierDeps): ClassifierHandlers {
  const cache = new Map<string, Promise<Loaded | null>>();
  const load = (dataset: string): Promise<Loaded | null> => {
    let hit = cache.get(dataset);
    if (!hit) {
      hit = (async () => {
        if (!/^[a-z0-9-]+$/.test(dataset)) return null;
        const dir = join(assetsDir, `classifier-${dataset}`);
        let record: { testAccuracy?: unknown; weights?: unknown; classNames?: unknown };
        try {
          record = JSON.parse(await readFile(join(dir, 'classifier.json'), 'utf8')) as typeof record;
        } catch {
          return null;
        }
        const model = await loadModelFiles(dir);
        return {
          model,
          accuracy: typeof record.testAccuracy === 'number' ? record.testAccuracy : NaN,
          weights: typeof record.weights === 'number' ? record.weights : model.countParams(),
          classes: Array.isArray(record.classNames) ? record.classNames.length : 10,
        };
      })();
      hit.catch(() => cache.delete(dataset));
      cache.set(dataset, hit);
    }
    return hit;
  };
  return {
    classifierInfo: async (arg) => {
      const model = await models.get(arg?.runId);
      const clf = await load(model.summary.dataset);
      return { dataset: model.summary.dataset, available: !!clf, accuracy: clf?.accuracy ?? null, weights: clf?.weights ?? null };
    },
    classifyCodes: async ({ codes, runId }) => {
      const model = await models.get(runId);
      checkCodes(model, codes);
      const clf = await load(model.summary.dataset);
      if (!clf) throw new ApiError('not-found', `no classifier ships for the dataset '${model.summary.dataset}'`);
      const n = codes.length / model.dims;
      const images = decodeCodes(model.decoder, codes, model.dims);
      return classifyImages(clf.model, images, n);
    },
  };
}
