/**
 * An engine that answers every request from real MNIST images without a model: enough to test the host's
 * validation and the transports. Its `decode` returns, per point, the test image whose index is round(x).
 */
import { ApiError, IMAGE_PIXELS, type EngineInfo } from '../../../src/pure/api/api.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { createEventHub } from '../../../src/host/events.js';
import type { Engine } from '../../../src/host/host.js';

export interface FakeEngine extends Engine {
  /** Requests the handlers saw, by name, after validation. */
  readonly calls: string[];
}

export async function createFakeEngine(): Promise<FakeEngine> {
  const mnist = await loadMnist();
  const events = createEventHub();
  const calls: string[] = [];
  const pick = (indices: ArrayLike<number>) => {
    const out = new Uint8Array(indices.length * IMAGE_PIXELS);
    for (let i = 0; i < indices.length; i++) {
      const k = Math.min(mnist.test.count - 1, Math.max(0, Math.round(indices[i])));
      out.set(mnist.test.images.subarray(k * IMAGE_PIXELS, (k + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
    }
    return out;
  };
  const info: EngineInfo = {
    backend: 'wasm',
    version: 'test',
    dataset: {
      id: mnist.id,
      name: mnist.name,
      trainCount: mnist.train.count,
      testCount: mnist.test.count,
      classNames: [...mnist.classNames],
    },
    run: null,
    training: null,
  };
  const noModel = () => {
    throw new ApiError('no-model', 'the fake engine has no model');
  };
  const track = <T>(name: string, value: T) => (calls.push(name), value);
  return {
    events,
    calls,
    handlers: {
      info: () => track('info', info),
      listRuns: () => track('listRuns', []),
      openRun: ({ id }) => {
        throw new ApiError('not-found', `no run ${id}`);
      },
      embedding: noModel,
      images: ({ indices }) => track('images', { images: pick(indices) }),
      decode: ({ points }) => track('decode', { images: pick(points.filter((_, i) => i % 2 === 0)) }),
      encode: noModel,
      reconstruct: noModel,
      interpolate: noModel,
      grid: noModel,
      startTraining: () => {
        throw new Error('disk on fire');
      },
      pauseTraining: () => track('pauseTraining', null),
      resumeTraining: () => track('resumeTraining', null),
      cancelTraining: () => track('cancelTraining', null),
      renameRun: noModel,
      deleteRun: noModel,
      runConfig: noModel,
      listCheckpoints: () => track('listCheckpoints', []),
      listDatasets: () => track('listDatasets', [info.dataset]),
      importDataset: noModel,
      resumeRun: noModel,
      kernels: noModel,
      denoise: noModel,
      pcaCompare: noModel,
      reconstructionReport: noModel,
      importModel: noModel,
      importEmbeddings: noModel,
      exportRun: noModel,
      importRun: noModel,
      runHistories: noModel,
      runReplay: noModel,
      latentCodes: noModel,
      latentPlane: noModel,
      decodeLatent: noModel,
      encodeLatent: noModel,
      classCentroids: noModel,
      priorSamples: noModel,
      latentKl: noModel,
      transformPath: noModel,
      inpaint: noModel,
      classifierInfo: noModel,
      classifyCodes: noModel,
      sensitivity: noModel,
    },
  };
}
