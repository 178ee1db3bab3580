import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FASHION_CLASSES, FASHION_TEST_COUNT, loadFashionMnist, splitClasses } from '../../../src/data/fashion-mnist.js';

const cacheRoot = mkdtempSync(join(tmpdir(), 'lex-fashion-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

describe('Fashion-MNIST', () => {
  it('splitClasses labels every image by its class file and splits with a fixed seed', () => {
    const img = (v: number) => new Array<number>(784).fill(v);
    const classes = [[img(0), img(1)], [img(10), img(11), img(12)], [img(20)]];
    const a = splitClasses(classes, 2, 7);
    const b = splitClasses(classes, 2, 7);
    expect(a.test.count).toBe(2);
    expect(a.train.count).toBe(4);
    expect(a).toEqual(b);
    for (const set of [a.train, a.test]) {
      for (let k = 0; k < set.count; k++) expect(Math.floor(set.images[k * 784]! / 10)).toBe(set.labels[k]);
    }
    const all = [...a.train.images.filter((_, i) => i % 784 === 0), ...a.test.images.filter((_, i) => i % 784 === 0)].sort((x, y) => x - y);
    expect(all).toEqual([0, 1, 10, 11, 12, 20]);
    expect(splitClasses(classes, 2, 8)).not.toEqual(a);
  });

  it('splitClasses skips empty entries and refuses images that are not 784 values', () => {
    expect(() => splitClasses([[[1, 2, 3]]], 0)).toThrow(/784/);
    expect(splitClasses([[[], new Array<number>(784).fill(3)], [new Array<number>(784).fill(4)]], 1, 1).train.count).toBe(1);
  });

  it('loadFashionMnist converts the package once into 60,000 train and 10,000 test images with all ten classes, then reads its cache', async () => {
    const dir = join(cacheRoot, 'fm');
    const data = await loadFashionMnist(dir);
    expect(data).toMatchObject({ id: 'fashion-mnist', name: 'Fashion-MNIST', classNames: FASHION_CLASSES });
    expect(data.train.count).toBe(60_000);
    expect(data.test.count).toBe(FASHION_TEST_COUNT);
    expect(data.train.images.length).toBe(60_000 * 784);
    const perClass = new Array<number>(10).fill(0);
    for (const l of data.test.labels) perClass[l]! += 1;
    // A seeded random split: roughly 1,000 test images per class.
    for (const n of perClass) {
      expect(n).toBeGreaterThan(850);
      expect(n).toBeLessThan(1150);
    }
    const mean = data.train.images.subarray(0, 784 * 1000).reduce((s, v) => s + v, 0) / (784 * 1000);
    expect(mean).toBeGreaterThan(40);
    expect(mean).toBeLessThan(110);
    expect(statSync(join(dir, 'train-images-idx3-ubyte')).size).toBe(16 + 60_000 * 784);
    // Same folder: the same promise; the bytes on disk read back identical.
    expect(loadFashionMnist(dir)).toBe(loadFashionMnist(dir));
    const again = await loadFashionMnist(join(cacheRoot, 'fm'));
    expect(again.test.labels).toEqual(data.test.labels);
  });
});
