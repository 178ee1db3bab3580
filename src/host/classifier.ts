/**
 * The shipped classifiers (`assets/classifier-mnist/`, `assets/classifier-fashion/`, made by `latent-explorer
 * train-classifier`), picked by the run's dataset: loaded once per dataset on first use; each labels what a
 * run's decoder draws at given codes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { ApiError, type RequestOf, type ResponseMap } from '../pure/api/api.js';
import { decodeCodes } from '../latent/decode-codes.js';
import { classifyImages } from '../latent/classify.js';
import { classifierFolder } from '../model/classifier.js';
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
  /** Folder holding the classifiers, one folder per dataset (see `classifierFolder`). */
  assetsDir: string;
}

type ClassifierHandlers = { [K in 'classifierInfo' | 'classifyCodes']: (arg: RequestOf<K>) => Promise<ResponseMap[K]> };

export function classifierHandlers({ models, assetsDir }: ClassifierDeps): ClassifierHandlers {
  const cache = new Map<string, Promise<Loaded | null>>();
  const load = (dataset: string): Promise<Loaded | null> => {
    let hit = cache.get(dataset);
    if (!hit) {
      hit = (async () => {
        const folder = classifierFolder(dataset);
        if (!folder) return null;
        const dir = join(assetsDir, folder);
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
