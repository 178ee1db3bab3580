import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrainProgress } from '../../../src/pure/api/api.js';
import { sliceSet } from '../../../src/pure/data/batches.js';
import { loadMnist } from '../../../src/data/mnist.js';
import type { ImageSet } from '../../../src/pure/data/types.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultConfig } from '../../../src/pure/model/presets.js';
import type { ModelConfig } from '../../../src/pure/model/types.js';
import type { Autoencoder } from '../../../src/model/types.js';
import { TrainController } from '../../../src/train/controller.js';
import { train, type TrainOptions } from '../../../src/train/loop.js';

let data: { train: ImageSet; test: ImageSet };
const models: Autoencoder[] = [];
const small = (extra: Partial<ModelConfig> = {}) => {
  const ae = buildAutoencoder({ ...defaultConfig('dense'), hidden: [32], ...extra }, 4);
  models.push(ae);
  return ae;
};
const opts = (extra: Partial<TrainOptions> = {}): TrainOptions => ({
  learningRate: 2e-3,
  batchSize: 50,
  epochs: 2,
  seed: 9,
  limit: 500,
  progressEvery: 2,
  ...extra,
});

beforeAll(async () => {
  const mnist = await loadMnist();
  data = { train: mnist.train, test: sliceSet(mnist.test, 200) };
});
afterEach(() => {
  for (const ae of models.splice(0)) ae.dispose();
});

describe('train', () => {
  it('reports batch progress every N batches and one epoch event per epoch with the test loss', async () => {
    const batches: TrainProgress[] = [];
    const epochs: TrainProgress[] = [];
    const checkpoints: number[] = [];
    const result = await train(small(), data, opts({ runId: 'r1' }), {
      onBatch: (p) => batches.push(p),
      onEpoch: (p) => epochs.push(p),
      onCheckpoint: async (epoch, history) => {
        expect(history).toHaveLength(epoch);
        checkpoints.push(epoch);
      },
    });
    expect(result.outcome).toBe('complete');
    expect(batches.map((p) => `${p.epoch}:${p.batch}`)).toEqual(['1:2', '1:4', '1:6', '1:8', '1:10', '2:2', '2:4', '2:6', '2:8', '2:10']);
    expect(batches[0]).toMatchObject({ runId: 'r1', kind: 'batch', epochs: 2, batches: 10 });
    expect(batches.every((p) => p.samplesPerSec > 0 && Number.isFinite(p.loss) && p.etaSec >= 0)).toBe(true);
    expect(batches.at(-1)!.etaSec).toBe(0);
    expect(epochs.map((p) => p.kind)).toEqual(['epoch', 'epoch']);
    expect(epochs[1]!.testLoss).toBe(result.history[1]!.testLoss);
    expect(checkpoints).toEqual([1, 2]);
  });

  it('gives the same history twice for the same model seed and training seed', async () => {
    const a = await train(small(), data, opts());
    const b = await train(small(), data, opts());
    expect(b.history).toEqual(a.history);
    const c = await train(small(), data, opts({ seed: 10 }));
    expect(c.history).not.toEqual(a.history);
  });

  it('leaks no tensor over a whole training', async () => {
    const ae = small();
    const before = tf.memory().numTensors;
    await train(ae, data, opts({ epochs: 1 }));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops with outcome diverged and suggests a lower rate when the loss explodes (huge learning rate)', async () => {
    const result = await train(small(), data, opts({ learningRate: 10 }));
    expect(result.outcome).toBe('diverged');
    expect(result.message).toMatch(/diverged at epoch 1.*lower learning rate \(now 10; e\.g\. 1\)/);
  });

  it('stops with outcome diverged when the loss becomes NaN or Infinity', async () => {
    const result = await train(
      small({ arch: 'linear', hidden: [], activation: 'linear', loss: 'mse' }),
      data,
      opts({ learningRate: 1e30 }),
    );
    expect(result.outcome).toBe('diverged');
    expect(result.message).toMatch(/became (NaN|Infinity)/);
  });

  it('pauses between batches, resumes, and finishes', async () => {
    const controller = new TrainController();
    const seen: number[] = [];
    let pausedAt = -1;
    const done = train(small(), data, opts({ controller, epochs: 1 }), {
      onBatch: (p) => {
        seen.push(p.batch);
        if (p.batch === 4) {
          expect(controller.pause()).toBe(true);
          pausedAt = seen.length;
        }
      },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(controller.state).toBe('paused');
    expect(seen.length).toBe(pausedAt);
    expect(controller.resume()).toBe(true);
    const result = await done;
    expect(result.outcome).toBe('complete');
    expect(seen).toEqual([2, 4, 6, 8, 10]);
    expect(controller.state).toBe('finished');
  });

  it('cancels a paused training, which then ends with outcome cancelled', async () => {
    const controller = new TrainController();
    const done = train(small(), data, opts({ controller }), {
      onBatch: (p) => {
        if (p.batch === 2) controller.pause();
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    controller.cancel();
    const result = await done;
    expect(result.outcome).toBe('cancelled');
    expect(result.history).toHaveLength(0);
    expect(controller.state).toBe('cancelled');
  });

  it('lets other work run between batches (it yields to the event loop)', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    let batches = 0;
    await train(small(), data, opts({ epochs: 1, progressEvery: 1 }), { onBatch: () => (batches += 1) });
    clearInterval(timer);
    expect(batches).toBe(10);
    expect(ticks).toBeGreaterThan(0);
  });

  it('rejects when a checkpoint fails, leaving no tensor of its own behind', async () => {
    const ae = small();
    const controller = new TrainController();
    const before = tf.memory().numTensors;
    const failing = train(ae, data, opts({ controller }), {
      onCheckpoint: async () => {
        throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(tf.memory().numTensors).toBe(before);
    expect(controller.state).toBe('finished');
  });

  it('resumes at startEpoch, running only the remaining epochs', async () => {
    const result = await train(small(), data, opts({ epochs: 3, startEpoch: 3 }));
    expect(result.history.map((h) => h.epoch)).toEqual([3]);
  });
});
