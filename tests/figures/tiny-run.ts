/**
 * A small trained run folder for figure tests: a dense 2-D autoencoder trained briefly on the first MNIST
 * images with the project's own training loop, saved with `saveRun` exactly as the `train` command saves runs.
 */
import * as tf from '@tensorflow/tfjs';
import { loadMnist } from '../../src/data/mnist.js';
import { buildAutoencoder } from '../../src/model/build.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import { saveRun, type RunRecord } from '../../src/runs/index.js';
import { train } from '../../src/train/loop.js';

/** Trains and saves a run at `dir`; `limit` train images, `epochs` epochs, 2-D latent. */
export async function makeTinyRun(dir: string, opts: { limit?: number; epochs?: number; hidden?: number[] } = {}): Promise<RunRecord> {
  const config = defaultTrainConfig('dense', {
    name: 'tiny',
    epochs: opts.epochs ?? 2,
    limit: opts.limit ?? 2000,
    hidden: opts.hidden ?? [128],
  });
  const data = await loadMnist();
  const ae = buildAutoencoder(config, config.seed);
  try {
    const result = await train(ae, data, { ...config, testLimit: 1000 });
    const backend = tf.getBackend() === 'tensorflow' ? 'tfjs-node' : (tf.getBackend() as 'wasm' | 'cpu');
    const last = result.history.at(-1);
    const record: RunRecord = {
      version: 1,
      id: 'tiny',
      name: 'tiny',
      config,
      dataset: 'mnist',
      backend,
      history: result.history.map((h) => ({ epoch: h.epoch, loss: h.loss, testLoss: h.testLoss })),
      metrics: { testLoss: last?.testLoss ?? null, knn: null },
      createdAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      durationMs: result.durationMs,
      status: 'complete',
    };
    await saveRun(dir, ae, record);
    return record;
  } finally {
    ae.dispose();
  }
}
