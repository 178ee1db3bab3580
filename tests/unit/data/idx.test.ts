import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdxError, loadIdxPair, readIdx, readIdxImages, readIdxLabels, writeIdx } from '../../../src/data/idx.js';
import { mnistDataDir } from '../../../src/data/mnist.js';

const labelsFile = () => join(mnistDataDir(), 't10k-labels-idx1-ubyte');
const imagesFile = () => join(mnistDataDir(), 't10k-images-idx3-ubyte');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idx-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** Expects `promise` to reject with an IdxError of `code` whose message names `file`. */
async function expectIdxError(promise: Promise<unknown>, code: IdxError['code'], file: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IdxError);
  expect((err as IdxError).code).toBe(code);
  expect((err as IdxError).message).toContain(file);
}

describe('readIdx', () => {
  it('reads the MNIST test labels as a view into the file buffer', async () => {
    const buf = await readFile(labelsFile());
    const { shape, data } = readIdx(buf, 'labels');
    expect(shape).toEqual([10_000]);
    expect(data.buffer).toBe(buf.buffer);
    expect([...data.subarray(0, 5)]).toEqual([7, 2, 1, 0, 4]);
  });

  it('writeIdx then readIdx gives back the same shape and bytes', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 7);
    const back = readIdx(writeIdx(data, [2, 3, 4]), 'roundtrip');
    expect(back.shape).toEqual([2, 3, 4]);
    expect([...back.data]).toEqual([...data]);
  });

  it('rejects a buffer whose header is not an unsigned-byte IDX header with bad-magic', () => {
    expect(() => readIdx(Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0, 0, 0), 'zip.bin')).toThrow(/zip\.bin: bad magic/);
    expect(() => readIdx(Uint8Array.of(0, 0, 0x0d, 1, 0, 0, 0, 0), 'floats.idx')).toThrow(IdxError);
  });

  it('rejects a buffer shorter than its header promises with truncated', () => {
    const full = writeIdx(new Uint8Array(100), [100]);
    expect(() => readIdx(full.subarray(0, 60), 'short')).toThrow(expect.objectContaining({ code: 'truncated' }));
    expect(() => readIdx(full.subarray(0, 6), 'tiny')).toThrow(expect.objectContaining({ code: 'truncated' }));
  });
});

describe('loadIdxPair', () => {
  it('loads the 10,000 MNIST test images with their labels', async () => {
    const set = await loadIdxPair(imagesFile(), labelsFile());
    expect(set.count).toBe(10_000);
    expect(set.images.length).toBe(10_000 * 784);
    expect(set.rows).toBe(28);
    expect(set.cols).toBe(28);
    expect(Math.max(...set.images.subarray(0, 784))).toBe(255);
  });

  it('names the file and says count-mismatch when labels and images differ in number', async () => {
    const images = await write('five-images', writeIdx(new Uint8Array(5 * 784), [5, 28, 28]));
    const labels = await write('four-labels', writeIdx(new Uint8Array(4), [4]));
    await expectIdxError(loadIdxPair(images, labels), 'count-mismatch', 'four-labels');
  });

  it('names the file and says bad-shape for images that are not 28x28', async () => {
    const images = await write('small-images', writeIdx(new Uint8Array(3 * 16 * 16), [3, 16, 16]));
    await expectIdxError(readIdxImages(images), 'bad-shape', 'small-images');
  });

  it('names the file and says bad-shape for a label file with two dimensions', async () => {
    const labels = await write('matrix-labels', writeIdx(new Uint8Array(6), [2, 3]));
    await expectIdxError(readIdxLabels(labels), 'bad-shape', 'matrix-labels');
  });

  it('names the file and says truncated for a cut-off image file', async () => {
    const whole = writeIdx(new Uint8Array(4 * 784), [4, 28, 28]);
    const images = await write('cut-images', whole.subarray(0, whole.length - 100));
    await expectIdxError(readIdxImages(images), 'truncated', 'cut-images');
  });

  it('names the file and says bad-magic for a file that is not IDX', async () => {
    const images = await write('photo.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 0, 0, 0, 0, 0));
    await expectIdxError(readIdxImages(images), 'bad-magic', 'photo.png');
  });

  it('names the file and says io for a file that does not exist', async () => {
    await expectIdxError(readIdxLabels(join(dir, 'no-such-labels')), 'io', 'no-such-labels');
  });
});

describe('loadIdxDataset', () => {
  it('loads four IDX files as a dataset with id idx:<name> and numbered classes', async () => {
    const { loadIdxDataset } = await import('../../../src/data/idx-dataset.js');
    const files = {
      trainImages: await write('u-train-images', writeIdx(new Uint8Array(3 * 784).fill(9), [3, 28, 28])),
      trainLabels: await write('u-train-labels', writeIdx(Uint8Array.of(0, 2, 1), [3])),
      testImages: await write('u-test-images', writeIdx(new Uint8Array(2 * 784), [2, 28, 28])),
      testLabels: await write('u-test-labels', writeIdx(Uint8Array.of(4, 0), [2])),
    };
    const ds = await loadIdxDataset('mine', files);
    expect(ds.id).toBe('idx:mine');
    expect(ds.train.count).toBe(3);
    expect(ds.test.count).toBe(2);
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4']);
    await expectIdxError(loadIdxDataset('bad', { ...files, testLabels: files.trainLabels }), 'count-mismatch', 'u-train-labels');
  });
});
