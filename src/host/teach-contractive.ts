/** The contractive lesson's request: the code's sensitivity to each input pixel, beside the reconstruction error. */
import { type RequestName, type SensitivityMap } from '../pure/api/api.js';
import { codeSensitivity } from '../latent/sensitivity.js';
import { reconstructionErrors } from '../latent/reconstruction-errors.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { Handlers } from './host.js';
import type { ModelCache } from './models.js';

export type ContractiveHandlers = Pick<Handlers, Extract<RequestName, 'sensitivity'>>;

const DEFAULT_COUNT = 200;

export function contractiveHandlers(opts: {
  models: ModelCache;
  dataFor: (datasetId: string) => Promise<DatasetIndex>;
}): ContractiveHandlers {
  return {
    sensitivity: async ({ runId, count }): Promise<SensitivityMap> => {
      const model = await opts.models.get(runId);
      const data = await opts.dataFor(model.summary.dataset);
      const n = Math.min(count ?? DEFAULT_COUNT, data.count - data.trainCount);
      const images = data.gather(Uint32Array.from({ length: n }, (_, k) => data.trainCount + k));
      const { map, frobenius } = codeSensitivity(model.encoder, images, n);
      const errors = reconstructionErrors(model.encoder, model.decoder, images, n, 'mse');
      return { runId: model.id, map, frobenius, reconstruction: errors.reduce((a, b) => a + b, 0) / n, count: n };
    },
  };
}
