import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultTrainThreads, trainThreads } from '../../../src/workers/parallel/stepper.js';

describe('trainThreads', () => {
  it('trains on every core (at most 8) on wasm and cpu, dense and conv models alike, unless told otherwise', () => {
    const cores = Math.min(8, availableParallelism());
    expect(defaultTrainThreads()).toBe(Math.max(1, cores));
    expect(trainThreads('wasm')).toBe(defaultTrainThreads());
    expect(trainThreads('cpu')).toBe(defaultTrainThreads());
    expect(trainThreads('wasm', 1)).toBe(1);
    expect(trainThreads('wasm', 3.7)).toBe(3);
    expect(trainThreads('wasm', 0)).toBe(1);
  });

  it('keeps tfjs-node on one thread, whose own kernels use every core', () => {
    expect(trainThreads('tfjs-node')).toBe(1);
    expect(trainThreads('tfjs-node', 4)).toBe(1);
  });
});
