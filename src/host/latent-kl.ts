/**
 * The latent lab's KL panel: a VAE run's KL divergence from the prior per latent dimension, over the test split,
 * through the run's mean head (the encoder) and its saved variance head (`logvar/`). Computed once per open
 * model; the variance head is loaded for the computation and released after it.
 */
import type { LatentKl, RequestOf } from '../pure/api/api.js';
import { klPerDimension } from '../latent/kl.js';
import { loadLogVarHead, readRunRecord } from '../runs/index.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { ModelCache, OpenModel } from './models.js';
import { runApiError } from './run-errors.js';

export interface LatentKlDeps {
  models: ModelCache;
  dataFor: (id?: string) => Promise<DatasetIndex>;
}

type KlHandlers = { latentKl: (arg: RequestOf<'latentKl'>) => Promise<LatentKl> };

export function latentKlHandlers({ models, dataFor }: LatentKlDeps): KlHandlers {
  const done = new WeakMap<OpenModel, Promise<LatentKl>>();
  const compute = async (model: OpenModel): Promise<LatentKl> => {
    if (model.config.arch !== 'vae') return { available: false, reason: 'not-vae' };
    if (model.summary.imported) return { available: false, reason: 'imported' };
    // A training's live model has no run folder of its own yet (its last checkpoint lags behind it).
    if (!model.net) return { available: false, reason: 'training' };
    const dir = models.dirOf(model.id);
    let head;
    try {
      head = await loadLogVarHead(dir, await readRunRecord(dir));
    } catch (err) {
      throw runApiError(err, model.id);
    }
    if (!head) return { available: false, reason: 'no-head' };
    try {
      const data = await dataFor(model.summary.dataset);
      const test = data.dataset.test;
      const kl = Float32Array.from(klPerDimension(model.encoder, head, test.images, test.count));
      return { available: true, kl, total: kl.reduce((a, b) => a + b, 0), images: test.count };
    } finally {
      head.dispose();
    }
  };
  return {
    latentKl: async (arg) => {
      const model = await models.get(arg?.runId);
      let hit = done.get(model);
      if (!hit) {
        hit = compute(model);
        hit.catch(() => done.delete(model));
        done.set(model, hit);
      }
      return hit;
    },
  };
}
