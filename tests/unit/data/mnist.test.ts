import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../src/data/mnist.js';

describe('loadMnist', () => {
  it('loads 60,000 train and 10,000 test digits in well under a second', async () => {
    const started = performance.now();
    const mnist = await loadMnist();
    const ms = performance.now() - started;
    expect(mnist.id).toBe('mnist');
    expect(mnist.train.count).toBe(60_000);
    expect(mnist.test.count).toBe(10_000);
    expect(mnist.train.images.length).toBe(60_000 * 784);
    expect(mnist.classNames).toHaveLength(10);
    // The first training digit of MNIST is a 5, the first test digit a 7.
    expect(mnist.train.labels[0]).toBe(5);
    expect(mnist.test.labels[0]).toBe(7);
    expect(Math.max(...mnist.train.labels)).toBe(9);
    expect(ms).toBeLessThan(1000);
  });

  it('returns the same arrays on later calls (one read per process)', async () => {
    const a = await loadMnist();
    const b = await loadMnist();
    expect(b.train.images).toBe(a.train.images);
  });
});
