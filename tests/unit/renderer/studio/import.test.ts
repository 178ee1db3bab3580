import { describe, expect, it } from 'vitest';
import {
  classCounts,
  fromFolder,
  fromIdxPair,
  ImportError,
  labelFolders,
  parseIdx,
  skippedList,
  toGrey,
} from '../../../../renderer/views/studio/import.js';
import { writeIdx } from '../../../../src/data/idx.js';
import { readMnistSlice } from '../mnist-slice.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof ImportError ? err.key : String(err);
  }
  return undefined;
};

describe('dataset import', () => {
  it('fromIdxPair reads an MNIST slice written as IDX back to the same images, labels and digit classes', () => {
    const { images, labels } = readMnistSlice(50);
    const r = fromIdxPair(writeIdx(images, [50, 28, 28]), writeIdx(labels, [50]));
    expect(r.images).toEqual(images);
    expect(r.labels).toEqual(labels);
    expect(r.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(classCounts(r.labels, 10).reduce((a, b) => a + b)).toBe(50);
  });

  it('refuses files that are not IDX, images that are not 28x28, and counts that differ, with the reason', () => {
    const { images, labels } = readMnistSlice(4);
    expect(codeOf(() => parseIdx(new TextEncoder().encode('hello, world')))).toBe('studio.import.err.idx');
    expect(codeOf(() => parseIdx(writeIdx(labels, [4]).subarray(0, 10)))).toBe('studio.import.err.idx');
    expect(codeOf(() => fromIdxPair(writeIdx(images, [4, 56, 14]), writeIdx(labels, [4])))).toBe('studio.import.err.shape');
    expect(codeOf(() => fromIdxPair(writeIdx(images, [4, 28, 28]), writeIdx(labels.subarray(0, 3), [3])))).toBe('studio.import.err.count');
  });

  it('labelFolders takes the class from the first folder under the root and skips other files', () => {
    const r = labelFolders([
      'set/cat/a.png',
      'set/dog/b.JPG',
      'set/readme.txt',
      'set/cat/sub/c.jpeg',
      'set/dog/notes.txt',
      'set/10/x.png',
      'set/2/y.png',
    ]);
    expect(r.classNames).toEqual(['2', '10', 'cat', 'dog']);
    expect(r.labels).toEqual([2, 3, null, 2, null, 1, 0]);
  });

  it('toGrey gives MNIST polarity: dark ink on white paper is inverted, light ink on black is kept', () => {
    const paper = new Uint8ClampedArray(784 * 4).fill(255);
    paper.set([0, 0, 0, 255], (14 * 28 + 14) * 4);
    const g = toGrey(paper);
    expect(g[14 * 28 + 14]).toBe(255);
    expect(g[0]).toBe(0);
    const night = new Uint8ClampedArray(784 * 4);
    for (let i = 0; i < 784; i++) night[i * 4 + 3] = 255;
    night.set([255, 255, 255, 255], 0);
    expect(toGrey(night)[0]).toBe(255);
    expect(toGrey(night)[1]).toBe(0);
  });

  it('fromFolder keeps only decoded, labelled images, in order', () => {
    const a = new Uint8Array(784).fill(1),
      b = new Uint8Array(784).fill(2);
    const r = fromFolder([a, null, b, a], [0, 1, 1, null], ['x', 'y']);
    expect(Array.from(r.labels)).toEqual([0, 1]);
    expect(r.images[0]).toBe(1);
    expect(r.images[784]).toBe(2);
    expect(codeOf(() => fromFolder([a], [0], ['x']))).toBe('studio.import.err.empty');
  });

  it('fromFolder says what it skipped and why, and drops a class none of whose files could be read', () => {
    const a = new Uint8Array(784).fill(1),
      b = new Uint8Array(784).fill(2);
    const paths = ['d/cat/1.png', 'd/dog/broken.png', 'd/notes.txt', 'd/eel/2.png', 'd/eel/3.jpg'];
    // dog's only file does not decode; notes.txt is not an image in a class folder.
    const r = fromFolder([a, null, null, b, a], [0, 1, null, 2, 2], ['cat', 'dog', 'eel'], paths);
    expect(r.classNames).toEqual(['cat', 'eel']);
    expect(Array.from(r.labels)).toEqual([0, 1, 1]);
    expect(r.emptyClasses).toEqual(['dog']);
    expect(r.skipped).toEqual([
      { path: 'd/dog/broken.png', reason: 'unreadable' },
      { path: 'd/notes.txt', reason: 'not-image' },
    ]);
    expect(skippedList(r.skipped, 'unreadable')).toEqual({ count: 1, names: 'd/dog/broken.png' });
    const many = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}.png`, reason: 'unreadable' as const }));
    expect(skippedList(many, 'unreadable')).toEqual({ count: 5, names: 'f0.png, f1.png, f2.png, …' });
  });
});
