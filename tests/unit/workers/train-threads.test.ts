import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { allCoreThreads, defaultTrainThreads, TRAIN_THREADS_ENV, trainThreads } from '../../../src/workers/parallel/stepper.js';

const saved = process.env[TRAIN_THREADS_ENV];

describe('trainThreads', () => {
  afterEach(() => {
    if (saved === undefined) delete process.env[TRAIN_THREADS_ENV];
    else process.env[TRAIN_THREADS_ENV] = saved;
  });

  it('trains on every core (at most 8) on wasm and cpu, dense and conv models alike, unless told otherwise', () => {
    delete process.env[TRAIN_THREADS_ENV];
    expect(allCoreThreads()).toBe(Math.max(1, Math.min(8, availableParallelism())));
    expect(defaultTrainThreads()).toBe(allCoreThreads());
    expect(trainThreads('wasm')).toBe(allCoreThreads());
    expect(trainThreads('cpu')).toBe(allCoreThreads());
    expect(trainThreads('wasm', 1)).toBe(1);
    expect(trainThreads('wasm', 3.7)).toBe(3);
    expect(trainThreads('wasm', 0)).toBe(1);
  });

  it('takes $LATENT_EXPLORER_TRAIN_THREADS as the default when it is a whole number from 1 to 64', () => {
    process.env[TRAIN_THREADS_ENV] = '3';
    expect(trainThreads('wasm')).toBe(3);
    expect(trainThreads('wasm', 2)).toBe(2);
    for (const bad of ['0', '2.5', 'many', '65', '']) {
      process.env[TRAIN_THREADS_ENV] = bad;
      expect(defaultTrainThreads()).toBe(allCoreThreads());
    }
  });

  it('keeps tfjs-node on one thread, whose own kernels use every core', () => {
    expect(trainThreads('tfjs-node')).toBe(1);
    expect(trainThreads('tfjs-node', 4)).toBe(1);
  });
});
