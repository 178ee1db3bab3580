/**
 * The latent lab's requests: codes of samples, any display plane (two principal components, two axes, three
 * samples), decode and encode of raw codes, class centroids and seeded prior samples. Decoding goes through the
 * open model's decoder like every other inference request.
 */
import {
  ApiError,
  MAX_DECODE_POINTS,
  type ClassCentroids,
  type LatentPlaneView,
  type RequestOf,
  type ResponseMap,
} from '../pure/api/api.js';
import { decodeCodes } from '../latent/decode-codes.js';
import { encodeAll } from '../latent/encode-all.js';
import { classCentroids } from '../pure/latent/arithmetic.js';
import { priorSamples } from '../pure/latent/normal.js';
import { crossFade, lerpCodes } from '../pure/latent/interpolate.js';
import { transformSeries } from '../pure/latent/transform.js';
import { applyMask, inpaintSearch, maskedError, nearestOnVisible, onePass } from '../latent/inpaint.js';
import type { Pca } from '../pure/latent/pca.js';
import { fitPcaOnBackend } from '../latent/plane-fit.js';
import { axesPlane, pcaPlane, planeThrough, projectOnto, type PlaneBasis } from '../pure/latent/plane-basis.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { ModelEmbedding } from './embedding.js';
import type { ModelCache, OpenModel } from './models.js';
import { errorMessage } from '../pure/errors.js';

export interface LatentLabDeps {
  models: ModelCache;
  dataFor: (id?: string) => Promise<DatasetIndex>;
}

type LabHandlers = {
  [
    K in 'latentCodes' | 'latentPlane' | 'decodeLatent' | 'encodeLatent' | 'classCentroids' | 'priorSamples' | 'transformPath' | 'inpaint'
  ]: (arg: RequestOf<K>) => Promise<ResponseMap[K]>;
};

/**
 * Every principal component of a run's codes, fitted once per embedding: a d x d covariance (on the backend for
 * many codes of many dimensions) and one eigendecomposition, ~6 s for the 500-D lesson model, 0.1 s for d <= 64.
 */
const fullPca = new WeakMap<ModelEmbedding, Pca>();
function pcaOf(e: ModelEmbedding, count: number, d: number): Pca {
  let pca = fullPca.get(e);
  if (!pca) {
    pca = fitPcaOnBackend(e.codes, count, d, d);
    fullPca.set(e, pca);
  }
  return pca;
}

/** Variance of each coordinate over all codes (divided by n - 1), the diagonal of their covariance. */
function activityOf(e: ModelEmbedding, n: number, d: number): Float32Array {
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < d; k++) {
      const v = e.codes[i * d + k]!;
      mean[k]! += v;
      sq[k]! += v * v;
    }
  return Float32Array.from(mean, (m, k) => (sq[k]! - (m * m) / n) / Math.max(1, n - 1));
}

/** Codes of dataset samples `indices` from the run's embedding. @throws ApiError for an index past the dataset. */
function gatherCodes(e: ModelEmbedding, d: number, count: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * d);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    if (k >= count) throw new ApiError('bad-request', `sample ${k} is outside the dataset (${count} images)`);
    out.set(e.codes.subarray(k * d, (k + 1) * d), i * d);
  }
  return out;
}

/** @throws ApiError unless `codes` are whole rows of the run's latent size, at most MAX_DECODE_POINTS of them. */
export function checkCodes(model: OpenModel, codes: Float32Array): void {
  if (codes.length % model.dims !== 0)
    throw new ApiError('bad-request', `codes must be whole rows of the run's latent size ${model.dims} (got ${codes.length} numbers)`);
  if (codes.length / model.dims > MAX_DECODE_POINTS) throw new ApiError('bad-request', `at most ${MAX_DECODE_POINTS} codes per request`);
}

export function latentLabHandlers({ models, dataFor }: LatentLabDeps): LabHandlers {
  const withData = async (runId?: string) => {
    const model = await models.get(runId);
    const data = await dataFor(model.summary.dataset);
    return { model, data, embedding: await model.embedding() };
  };
  return {
    latentCodes: async ({ indices, runId }) => {
      const { model, data, embedding } = await withData(runId);
      return { codes: gatherCodes(embedding, model.dims, data.count, indices), d: model.dims };
    },
    latentPlane: async ({ plane, runId }): Promise<LatentPlaneView> => {
      const { model, data, embedding } = await withData(runId);
      const d = model.dims;
      if (d < 2) throw new ApiError('bad-request', 'a 1-D latent space has no plane to choose');
      const pca = pcaOf(embedding, data.count, d);
      let basis: PlaneBasis;
      try {
        if (plane.kind === 'pca') basis = pcaPlane(pca, plane.i, plane.j);
        else if (plane.kind === 'axes') basis = axesPlane(d, plane.i, plane.j);
        else {
          const three = gatherCodes(embedding, d, data.count, plane.indices);
          basis = planeThrough(three.subarray(0, d), three.subarray(d, 2 * d), three.subarray(2 * d));
        }
      } catch (err) {
        throw new ApiError('bad-request', errorMessage(err));
      }
      const xy = projectOnto(basis, embedding.codes);
      const n = data.count;
      const x = new Float32Array(n);
      const y = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = xy[2 * i]!;
        y[i] = xy[2 * i + 1]!;
      }
      return {
        runId: model.id,
        d,
        origin: basis.origin,
        u: basis.u,
        v: basis.v,
        x,
        y,
        explained: pca.explainedVariance,
        activity: activityOf(embedding, n, d),
      };
    },
    decodeLatent: async ({ codes, runId }) => {
      const model = await models.get(runId);
      checkCodes(model, codes);
      return { images: decodeCodes(model.decoder, codes, model.dims) };
    },
    encodeLatent: async ({ images, runId }) => {
      const model = await models.get(runId);
      return { codes: encodeAll(model.encoder, images, images.length / 784), d: model.dims };
    },
    classCentroids: async (arg): Promise<ClassCentroids> => {
      const { model, data, embedding } = await withData(arg?.runId);
      const d = model.dims;
      const classes = data.summary.classNames.length;
      // The train split only: the test split stays unseen, as for every score the app reports.
      const train = embedding.codes.subarray(0, data.trainCount * d);
      const { centroids, counts } = classCentroids(train, data.labels, d, classes);
      return { d, centroids, counts, images: decodeCodes(model.decoder, centroids, d) };
    },
    transformPath: async ({ index, kind, amounts, runId }) => {
      const model = await models.get(runId);
      const data = await dataFor(model.summary.dataset);
      if (index >= data.count) throw new ApiError('bad-request', `sample ${index} is outside the dataset (${data.count} images)`);
      let inputs: Uint8Array<ArrayBuffer>;
      try {
        inputs = transformSeries(data.gather([index]), kind, amounts);
      } catch (err) {
        throw new ApiError('bad-request', errorMessage(err));
      }
      const d = model.dims;
      const steps = amounts.length;
      const codes = encodeAll(model.encoder, inputs, steps);
      const ends = lerpCodes(codes.subarray(0, d), codes.subarray((steps - 1) * d), steps);
      return {
        inputs,
        codes,
        reconstructions: decodeCodes(model.decoder, codes, d),
        latent: decodeCodes(model.decoder, ends, d),
        pixel: crossFade(inputs.subarray(0, 784), inputs.subarray((steps - 1) * 784), steps),
      };
    },
    inpaint: async ({ index, mask, steps, learningRate, runId }) => {
      const model = await models.get(runId);
      const data = await dataFor(model.summary.dataset);
      if (index >= data.count) throw new ApiError('bad-request', `sample ${index} is outside the dataset (${data.count} images)`);
      const d = model.dims;
      const original = data.gather([index]);
      const base = onePass(model.encoder, model.decoder, d, original, mask);
      const marks = [1, 2, 5, 10, 20, 50, 100, 200, 500].filter((s) => s < steps);
      const search = inpaintSearch(model.encoder, model.decoder, d, original, mask, { steps, learningRate, snapshotAt: marks }, base.codes);
      const train = data.dataset.train;
      const nearestIndex = nearestOnVisible(original, mask, train.images.subarray(0, train.count * 784))[0]!;
      const nearest = train.images.slice(nearestIndex * 784, (nearestIndex + 1) * 784);
      const snaps = [{ step: 0, codes: base.codes, images: base.images }, ...search.snapshots];
      const snapshots = new Uint8Array(snaps.length * 784);
      const snapshotCodes = new Float32Array(snaps.length * d);
      snaps.forEach((s, i) => (snapshots.set(s.images, i * 784), snapshotCodes.set(s.codes, i * d)));
      return {
        original,
        masked: applyMask(original, mask),
        onePass: base.images,
        search: search.images,
        nearest,
        nearestIndex,
        snapshotSteps: snaps.map((s) => s.step),
        snapshots,
        snapshotCodes,
        visibleLoss: search.visibleLoss,
        hiddenError: {
          onePass: maskedError(base.images, original, mask)[0]!,
          search: maskedError(search.images, original, mask)[0]!,
          nearest: maskedError(nearest, original, mask)[0]!,
        },
      };
    },
    priorSamples: async ({ seed, count, runId }) => {
      const model = await models.get(runId);
      const codes = priorSamples(seed, count, model.dims);
      return { codes, images: decodeCodes(model.decoder, codes, model.dims) };
    },
  };
}
