/** Bare embeddings from elsewhere: CSV (streamed) and .npy readers, and their refusals with line numbers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNpy, readEmbeddingCsv, readEmbeddingNpy } from '../../../src/data/embedding-files.js';

const dir = mkdtempSync(join(tmpdir(), 'lex-emb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** A `.npy` (version 1) of `values` with `descr` and `shape`. */
function npy(descr: string, shape: number[], values: ArrayLike<number>): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const body =
    descr === '<f4'
      ? new Uint8Array(Float32Array.from(values).buffer)
      : descr === '<i8'
        ? new Uint8Array(BigInt64Array.from(Array.from(values, BigInt)).buffer)
        : Uint8Array.from(values);
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(body, 10 + header.length);
  return out;
}

describe('CSV embeddings', () => {
  it('reads the codes command format (index,label,z1,z2)', async () => {
    const t = await readEmbeddingCsv(file('a.csv', 'index,label,z1,z2\n0,7,0.5,-1\n1,2,1e-3,2.25\n'), 10);
    expect(t).toMatchObject({ count: 2, d: 2 });
    expect(Array.from(t.labels)).toEqual([7, 2]);
    expect(Array.from(t.codes)).toEqual([0.5, -1, Math.fround(1e-3), 2.25]);
  });

  it('reads a headerless file, label first', async () => {
    const t = await readEmbeddingCsv(file('b.csv', '3,1,2,3\r\n4,4,5,6\r\n'), 10);
    expect(t).toMatchObject({ count: 2, d: 3 });
    expect(Array.from(t.codes)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('streams a large file (200,000 rows) into typed arrays', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i % 10},${i / 1000},${-i / 1000}`);
    const t = await readEmbeddingCsv(file('big.csv', rows.join('\n')), 10);
    expect(t.count).toBe(200_000);
    expect(t.codes[2 * 199_999 + 1]).toBeCloseTo(-199.999, 3);
  });

  it('reads labels by name: classes numbered in natural order, the names kept, quotes dropped', async () => {
    const text = 'label,z1\ncat 10,0\n"dog",1\ncat 2,2\ndog,3\ncat 10,4\n';
    const t = await readEmbeddingCsv(file('names.csv', text), 32);
    expect(t.classNames).toEqual(['cat 2', 'cat 10', 'dog']);
    expect(Array.from(t.labels)).toEqual([1, 2, 0, 2, 1]);
    expect(Array.from(t.codes)).toEqual([0, 1, 2, 3, 4]);
    expect((await readEmbeddingCsv(file('nums.csv', 'label,z1\n2,0\n'), 10)).classNames).toBeUndefined();
  });

  it('refuses names past the class limit, too long or empty, and a name among numbered rows, naming the line', async () => {
    await expect(readEmbeddingCsv(file('many.csv', 'label,z1\na,0\nb,0\nc,0\n'), 2)).rejects.toThrow(
      "line 4: label 'c' is class 3; at most 2 classes",
    );
    await expect(readEmbeddingCsv(file('long.csv', `label,z1\n${'x'.repeat(41)},0\n`), 32)).rejects.toThrow(
      "line 2: label 'xxxxxxxxxxxxxxxxxxxx…' is longer than 40 characters",
    );
    await expect(readEmbeddingCsv(file('empty.csv', 'label,z1\na,0\n"",1\n'), 32)).rejects.toThrow('line 3: the label is empty');
    await expect(readEmbeddingCsv(file('mixed.csv', 'label,z1\n1,0\ncat,1\n'), 32)).rejects.toThrow(
      "line 3: label 'cat' is not a class (0 to 31)",
    );
  });

  it('refuses a ragged row, naming its line', () =>
    expect(readEmbeddingCsv(file('r.csv', 'label,z1,z2\n1,0,0\n2,0\n'), 10)).rejects.toThrow('line 3 has 2 values; the first line has 3'));

  it('refuses NaN codes', () =>
    expect(readEmbeddingCsv(file('n.csv', 'label,z1,z2\n1,0,NaN\n'), 10)).rejects.toThrow("line 2: 'NaN' is not a finite number"));

  it('refuses labels out of range', () =>
    expect(readEmbeddingCsv(file('l.csv', 'label,z1\n1,0\n10,0\n'), 10)).rejects.toThrow("line 3: label '10' is not a class (0 to 9)"));

  it('refuses a header without a label column', () =>
    expect(readEmbeddingCsv(file('h.csv', 'a,b\n1,2\n'), 10)).rejects.toThrow(/no label column/));
});

describe('.npy embeddings', () => {
  it('reads float32 codes and int64 labels', async () => {
    const t = await readEmbeddingNpy(file('c.npy', npy('<f4', [3, 2], [1, 2, 3, 4, 5, 6])), file('y.npy', npy('<i8', [3], [0, 9, 4])), 10);
    expect(t).toMatchObject({ count: 3, d: 2 });
    expect(Array.from(t.labels)).toEqual([0, 9, 4]);
    expect(parseNpy(npy('|u1', [2], [5, 6])).values).toEqual(Float64Array.from([5, 6]));
  });

  it('refuses NaN codes, labels out of range, and mismatched lengths', async () => {
    const labels = file('y3.npy', npy('<i8', [2], [0, 1]));
    await expect(readEmbeddingNpy(file('nan.npy', npy('<f4', [2, 1], [1, NaN])), labels, 10)).rejects.toThrow(
      'code 1, value 1 is not a finite number',
    );
    await expect(
      readEmbeddingNpy(file('ok.npy', npy('<f4', [2, 1], [1, 2])), file('bad.npy', npy('<i8', [2], [0, 12])), 10),
    ).rejects.toThrow('label 1 is 12, not a class (0 to 9)');
    await expect(readEmbeddingNpy(file('ok3.npy', npy('<f4', [3, 1], [1, 2, 3])), labels, 10)).rejects.toThrow(
      'expected (3,), one per code',
    );
    expect(() => parseNpy(new Uint8Array(20))).toThrow(/not a NumPy .npy file/);
  });
});
