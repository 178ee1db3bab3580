/**
 * Embeddings that bring their own labels and images, any count: imported through the API as the Runs tab does,
 * the explorer's embedding has that many points, hover images are the imported ones, decoding says why it is
 * off; without images, image requests say why; ragged rows, NaN codes, labels out of range and an image count
 * that does not match are refused with the reason; a run .zip carries the own data to a fresh id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedding, RunSummary } from '../../../src/pure/api/api.js';
import { writeIdx } from '../../../src/data/idx.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';

const N = 1_234;
const scratch = mkdtempSync(join(tmpdir(), 'lex-own-emb-'));
let session: Session;
let host: Host;

const csv = (rows: string[]) => new TextEncoder().encode(['label,z1,z2', ...rows].join('\n'));
const rows = Array.from({ length: N }, (_, i) => `${i % 3},${(i % 3) * 4 + Math.sin(i)},${Math.cos(i)}`);
/** Image i is filled with the grey level i % 256. */
const images = Uint8Array.from({ length: N * 784 }, (_, k) => Math.floor(k / 784) % 256);

async function call<T>(method: string, arg: unknown): Promise<T> {
  const r = await host.handle(method, arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
async function refusal(method: string, arg: unknown): Promise<string> {
  const r = await host.handle(method, arg);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error.message;
}

beforeAll(() => {
  session = createSession({ runsDir: join(scratch, 'runs'), backend: currentBackend, version: 'test' });
  host = createHost(session);
});
afterAll(async () => {
  await session.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('embeddings with their own labels and images', () => {
  it('importEmbeddings with an IDX file opens 1,234 points whose hover images are the imported ones', async () => {
    const run = await call<RunSummary>('importEmbeddings', {
      name: 'Own',
      format: 'csv',
      fileName: 'own.csv',
      codes: csv(rows),
      imagesIdx: writeIdx(images, [N, 28, 28]),
    });
    expect(run.dataset).toBe(`run:${run.id}`);
    expect(run.knn).toBeGreaterThan(0.9);
    await call('openRun', { id: run.id });
    const e = await call<Embedding>('embedding', { runId: run.id });
    expect(e.x.length).toBe(N);
    expect(e.trainCount).toBe(N);
    expect(e.noImages).toBeUndefined();
    expect([...e.labels.subarray(0, 4)]).toEqual([0, 1, 2, 0]);
    const got = await call<{ images: Uint8Array }>('images', { indices: Uint32Array.of(0, 300, 1_233), runId: run.id });
    expect([got.images[0], got.images[784], got.images[2 * 784 + 5]]).toEqual([0, 300 % 256, 1_233 % 256]);
    expect(await refusal('decode', { points: new Float32Array([0, 0]), runId: run.id })).toBe(
      "'Own' holds codes only (embeddings made elsewhere): it has no encoder or decoder to run",
    );
    const info = await call<{ dataset: { trainCount: number; classNames: string[] } }>('info', undefined);
    expect(info.dataset).toMatchObject({ trainCount: N, classNames: ['0', '1', '2'] });
  });

  it("labels by name become the run's class names; codes of a dataset may name its classes, and a name it has not is refused", async () => {
    const named = new TextEncoder().encode(
      ['label,z1,z2', ...rows.slice(0, 300).map((r) => r.replace(/^\d/, (l) => ['sneaker', 'bag', 'coat'][+l]!))].join('\n'),
    );
    const run = await call<RunSummary>('importEmbeddings', { name: 'Named', format: 'csv', fileName: 'named.csv', codes: named });
    await call('openRun', { id: run.id });
    const info = await call<{ dataset: { classNames: string[] } }>('info', undefined);
    expect(info.dataset.classNames).toEqual(['bag', 'coat', 'sneaker']);
    const e = await call<Embedding>('embedding', { runId: run.id });
    expect([...e.labels.subarray(0, 3)]).toEqual([2, 0, 1]);

    const req = (codes: Uint8Array) => ({ name: 'Of fashion', format: 'csv', fileName: 'fashion.csv', dataset: 'fashion-mnist', codes });
    const unknown = new TextEncoder().encode('label,z1\nsandal,0\nparrot,1\n');
    expect(await refusal('importEmbeddings', req(unknown))).toMatch(
      /^label 'parrot' is not a class of fashion-mnist \(T-shirt\/top, Trouser, /,
    );
  });

  it('without images the embedding says why, and image requests are refused with that reason', async () => {
    const run = await call<RunSummary>('importEmbeddings', {
      name: 'Bare',
      format: 'csv',
      fileName: 'bare.csv',
      codes: csv(rows.slice(0, 500)),
    });
    const e = await call<Embedding>('embedding', { runId: run.id });
    expect(e.x.length).toBe(500);
    expect(e.noImages).toMatch(/imported without images/);
    expect(await refusal('images', { indices: Uint32Array.of(0), runId: run.id })).toMatch(
      /^no images: the embeddings were imported without images/,
    );
  });

  it('refuses a ragged row, a NaN code, a label out of range and an image count that does not match', async () => {
    const req = (codes: Uint8Array, extra = {}) => ({ name: 'Bad', format: 'csv', fileName: 'bad.csv', codes, ...extra });
    expect(await refusal('importEmbeddings', req(csv(['0,1,2', '1,2'])))).toBe('bad.csv: line 3 has 2 values; the first line has 3');
    expect(await refusal('importEmbeddings', req(csv(['0,1,2', '1,NaN,2'])))).toBe(
      "bad.csv: line 3: 'NaN' is not a finite number (column 2)",
    );
    expect(await refusal('importEmbeddings', req(csv(['0,1,2', '32,1,2'])))).toBe("bad.csv: line 3: label '32' is not a class (0 to 31)");
    expect(
      await refusal('importEmbeddings', req(csv(rows), { imagesIdx: writeIdx(images.subarray(0, 1_000 * 784), [1_000, 28, 28]) })),
    ).toBe('bad.csv: the image file holds 1000 images for 1234 codes: one image per code, in the same order');
    expect(await refusal('importEmbeddings', req(csv(rows), { imagePixels: images.subarray(0, 10 * 784) }))).toBe(
      'bad.csv: the images holds 10 images for 1234 codes: one image per code, in the same order',
    );
    expect((await call<RunSummary[]>('listRuns', undefined)).map((r) => r.name).sort()).toEqual(['Bare', 'Named', 'Own']);
    expect(await refusal('importEmbeddings', { name: 'N', format: 'npy', fileName: 'c.npy', codes: csv(rows) })).toMatch(
      /a \.npy of codes goes with a \.npy of labels/,
    );
  });

  it('importEmbeddings reads a .npy of codes with a .npy of labels, and a folder decoded by the page as pixels', async () => {
    const npy = (descr: string, shape: number[], body: Uint8Array) => {
      let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
      while ((10 + header.length + 1) % 64 !== 0) header += ' ';
      header += '\n';
      const out = new Uint8Array(10 + header.length + body.length);
      out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
      new DataView(out.buffer).setUint16(8, header.length, true);
      out.set(new TextEncoder().encode(header), 10);
      out.set(body, 10 + header.length);
      return out;
    };
    const codes = Float32Array.from({ length: 40 }, (_, i) => (i % 2 ? -i : i));
    const run = await call<RunSummary>('importEmbeddings', {
      name: 'Npy',
      format: 'npy',
      fileName: 'codes.npy',
      codes: npy('<f4', [20, 2], new Uint8Array(codes.buffer)),
      labels: npy(
        '|u1',
        [20],
        Uint8Array.from({ length: 20 }, (_, i) => i % 4),
      ),
      imagePixels: images.subarray(0, 20 * 784),
    });
    const e = await call<Embedding>('embedding', { runId: run.id });
    expect([e.x[3], e.y[3], e.labels[3]]).toEqual([6, -7, 3]);
    const got = await call<{ images: Uint8Array }>('images', { indices: Uint32Array.of(19), runId: run.id });
    expect(got.images[0]).toBe(19);
  });

  it('a run .zip carries the codes, labels and images to a fresh id with its own dataset', async () => {
    const own = (await call<RunSummary[]>('listRuns', undefined)).find((r) => r.name === 'Own')!;
    const { bytes } = await call<{ bytes: Uint8Array }>('exportRun', { id: own.id });
    const back = await call<RunSummary>('importRun', { bytes });
    expect(back.id).not.toBe(own.id);
    expect(back.dataset).toBe(`run:${back.id}`);
    const got = await call<{ images: Uint8Array }>('images', { indices: Uint32Array.of(300), runId: back.id });
    expect(got.images[0]).toBe(300 % 256);
  });
});
