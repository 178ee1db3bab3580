/**
 * The one place a run's dataset id becomes images, labels and class names: `mnist`, `fashion-mnist`, or an
 * imported `user:<slug>` (IDX files in `<runs library>/.datasets/<slug>/`). Every engine path that needs a run's
 * images (lessons, `figure`, `codes`, reconstructions, kNN, compare, export) comes through here, so a run trained
 * on Fashion-MNIST never silently gets MNIST. A new kind of dataset (say, the images an imported run carries) is
 * one more entry in {@link DATASET_KINDS}.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { loadFashionMnist } from './fashion-mnist.js';
import { loadIdxPair } from './idx.js';
import { loadMnist } from './mnist.js';
import { loadOwnDataset, ownDataRunId } from './own-data.js';
import { FASHION_ID } from '../pure/data/fashion-classes.js';
import type { Dataset } from '../pure/data/types.js';

/** Folder of the runs library that holds imported datasets (a dot folder: never listed as a run). */
export const DATASETS_DIR = '.datasets';
/** `dataset.json` of an imported set. */
export const DATASET_META = 'dataset.json';
/** The four IDX files of an imported set, MNIST's names. */
export const IMPORTED_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
] as const;
const USER = /^user:([a-z0-9][a-z0-9-]{0,39})$/;

export const datasetMetaSchema = z.object({
  name: z.string(),
  classNames: z.array(z.string()),
  trainCount: z.number().int(),
  testCount: z.number().int(),
});

export type RunDatasetErrorCode = 'unknown' | 'missing';

/** A run's dataset cannot be had: `unknown` (not an id this app knows), `missing` (an imported set that is gone). */
export class RunDatasetError extends Error {
  constructor(
    readonly code: RunDatasetErrorCode,
    readonly datasetId: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunDatasetError';
  }
}

export interface RunDatasetOptions {
  /** Runs library folders whose `.datasets/` may hold imported sets, searched in order. */
  runsDirs?: readonly string[];
}

/** One kind of dataset: whether it claims an id, and how to load it. */
export interface DatasetKind {
  kind: string;
  claims(id: string): boolean;
  load(id: string, opts: RunDatasetOptions): Promise<Dataset>;
  /** Whether it can be loaded, without loading it (for validating `train --dataset` before training). */
  exists(id: string, opts: RunDatasetOptions): Promise<boolean>;
}

/** The folder of imported set `id` among `runsDirs`, or null when none has it. */
export async function importedDatasetDir(id: string, runsDirs: readonly string[]): Promise<string | null> {
  const slug = USER.exec(id)?.[1];
  if (!slug) return null;
  for (const runs of runsDirs) {
    const dir = join(runs, DATASETS_DIR, slug);
    if (
      await stat(join(dir, DATASET_META)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return dir;
  }
  return null;
}

/** Loads the imported set in `dir` as dataset `id`. */
export async function loadImportedDataset(id: string, dir: string): Promise<Dataset> {
  const meta = datasetMetaSchema.parse(JSON.parse(await readFile(join(dir, DATASET_META), 'utf8')));
  const [train, test] = await Promise.all([
    loadIdxPair(join(dir, IMPORTED_FILES[0]), join(dir, IMPORTED_FILES[1])),
    loadIdxPair(join(dir, IMPORTED_FILES[2]), join(dir, IMPORTED_FILES[3])),
  ]);
  return { id, name: meta.name, train, test, classNames: meta.classNames };
}

export const DATASET_KINDS: readonly DatasetKind[] = [
  { kind: 'mnist', claims: (id) => id === 'mnist', load: () => loadMnist(), exists: async () => true },
  { kind: 'fashion-mnist', claims: (id) => id === FASHION_ID, load: () => loadFashionMnist(), exists: async () => true },
  {
    kind: 'imported',
    claims: (id) => USER.test(id),
    async load(id, opts) {
      const dir = await importedDatasetDir(id, opts.runsDirs ?? []);
      if (!dir) throw missing(id);
      return loadImportedDataset(id, dir);
    },
    exists: async (id, opts) => (await importedDatasetDir(id, opts.runsDirs ?? [])) !== null,
  },
  {
    // The labels and images an embeddings run brought with its codes, in the run's own folder.
    kind: 'run',
    claims: (id) => ownDataRunId(id) !== null,
    async load(id, opts) {
      const dir = await ownDataDir(id, opts.runsDirs ?? []);
      if (!dir)
        throw new RunDatasetError('missing', id, `the run '${ownDataRunId(id)}' that holds these codes' labels is not in the runs library`);
      return loadOwnDataset(id, dir);
    },
    exists: async (id, opts) => (await ownDataDir(id, opts.runsDirs ?? [])) !== null,
  },
];

/** The folder of the run whose own data `id` names, among `runsDirs`, or null. */
async function ownDataDir(id: string, runsDirs: readonly string[]): Promise<string | null> {
  const runId = ownDataRunId(id);
  if (!runId) return null;
  for (const runs of runsDirs) {
    const dir = join(runs, runId);
    if (
      await stat(join(dir, 'run.json')).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return dir;
  }
  return null;
}

/** What a run whose imported dataset is gone is told. */
export function missingDatasetMessage(id: string): string {
  return (
    `this run was trained on the imported dataset '${id}', which is no longer in the runs library (deleted or moved); ` +
    're-import it under the same name to use this run'
  );
}

function missing(id: string): RunDatasetError {
  return new RunDatasetError('missing', id, missingDatasetMessage(id));
}

function kindOf(id: string): DatasetKind {
  const kind = DATASET_KINDS.find((k) => k.claims(id));
  if (!kind)
    throw new RunDatasetError('unknown', id, `unknown dataset '${id.slice(0, 60)}' (known: mnist, fashion-mnist, user:<imported name>)`);
  return kind;
}

/**
 * The dataset a run was trained on (`record.dataset`), with its class names.
 * @throws RunDatasetError `unknown` for an id no kind claims, `missing` for an imported set that is gone.
 */
export function loadRunDataset(id: string, opts: RunDatasetOptions = {}): Promise<Dataset> {
  try {
    return kindOf(id).load(id, opts);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Whether dataset `id` is known and present. @throws RunDatasetError `unknown` for an id no kind claims. */
export async function runDatasetExists(id: string, opts: RunDatasetOptions = {}): Promise<boolean> {
  return kindOf(id).exists(id, opts);
}
