/**
 * `latent-explorer import`: the Runs tab's import flow without a window. A PyTorch pair (ONNX), a Keras pair
 * (TF.js Layers), a run `.zip` or a run folder from anywhere on disk becomes a run in the library, through the
 * same checks the app makes.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { INPUT_LAYOUTS, OUTPUT_KINDS, PIXEL_RANGES } from '../pure/import/convention.js';
import { requestSchemas, type RequestOf, type RunSummary } from '../pure/api/api.js';
import { resolveRunsDir } from '../host/config.js';
import { createHost } from '../host/host.js';
import { createSession } from '../host/session.js';
import { currentBackend, initBackend, type BackendName } from '../model/backend.js';
import { RunImportError, installRun, runFilesFromFolder, runFilesFromZip } from '../runs/index.js';
import { embeddingImagesFromFolder, embeddingImagesFromIdx, readEmbeddingCsv, readEmbeddingNpy } from '../data/embedding-files.js';
import { indexDataset } from '../data/dataset-index.js';
import { FASHION_ID, loadFashionMnist } from '../data/fashion-mnist.js';
import { loadMnist } from '../data/mnist.js';
import { importEmbeddings, MAX_OWN_CLASSES } from '../host/import-embeddings.js';
import { errorMessage } from '../pure/errors.js';

/** The built-in datasets the CLI loads by id. */
async function loadDataset(id: string) {
  if (id === 'mnist') return loadMnist();
  if (id === FASHION_ID) return loadFashionMnist();
  throw new Error(`--dataset ${id}: the CLI imports codes of mnist or ${FASHION_ID}`);
}

const help = `Usage:
  latent-explorer import --onnx-encoder <enc.onnx> --onnx-decoder <dec.onnx> [options]
  latent-explorer import --keras-encoder <dir|model.json> --keras-decoder <dir|model.json> [options]
  latent-explorer import --run <file.zip|run folder> [--runs <dir>]
  latent-explorer import --codes <codes.csv> | --codes-npy <codes.npy> --labels-npy <labels.npy> [--images <idx>] [options]

Opens a model trained elsewhere as a read-only run of the runs library: an encoder and a decoder exported from
PyTorch with torch.onnx.export (run by onnxruntime), or converted from Keras by the TensorFlow.js converter
(a folder with model.json and its weight files, per part). The import checks the shapes (the encoder takes a
28x28 image, the decoder gives one), runs a probe on dataset images, encodes the dataset to score the model
(test loss, 5-NN accuracy) and records the run. With --run it opens a run exported as .zip (or a run folder
from anywhere on disk) under a fresh id, after checking every file. With --codes (or --codes-npy and
--labels-npy) it records bare embeddings (a CSV with a header naming a label column, e.g. what
\`latent-explorer codes\` writes, or the label first): with --dataset, one code per image of that dataset, train
then test, labels matching (numbers, or the dataset's class names); otherwise codes of any count with their own
labels (numbers 0 to 31, or up to 32 class names in a CSV with a header), and with --images
their images (an IDX file or a folder of PNGs), one per code, in order (70,000 codes with MNIST's labels and no --images are taken
as MNIST's). The explorer shows them; decoding is off (there is no model). See docs/import.md.

Options:
  --name <text>        name of the new run (default: the encoder's file name)
  --dataset <id>       the dataset the model was trained on: mnist (default), fashion-mnist, user:<name>
  --layout <l>         input layout: ${INPUT_LAYOUTS.join(', ')} (detected from the encoder when absent)
  --range <r>          pixel range the model was trained on: ${PIXEL_RANGES.join(', ')} (default 0..1)
  --images <path>      with --codes: an IDX file of [n, 28, 28] images, or a folder of PNG images named in
                       order (img-2.png before img-10.png), one per code
  --output <o>         what the decoder gives: ${OUTPUT_KINDS.join(', ')} (detected by a probe when absent)
  --runs <dir>         the runs library (default: $LATENT_EXPLORER_RUNS or ~/.latent-explorer/runs)
  --backend <b>        tfjs-node | wasm | cpu to try first (TF.js, for Keras pairs)`;

/** Codes made elsewhere as an embeddings run: of a dataset's images, or with their own labels (and images). */
async function importCodes(
  values: {
    codes?: string;
    'codes-npy'?: string;
    'labels-npy'?: string;
    images?: string;
    dataset?: string;
    name?: string;
    backend?: string;
  },
  runsDir: string,
): Promise<number> {
  try {
    await initBackend({ prefer: values.backend as BackendName | undefined });
    const data = values.dataset ? indexDataset(await loadDataset(values.dataset)) : null;
    const classes = data?.summary.classNames.length ?? MAX_OWN_CLASSES;
    const t0 = performance.now();
    const table = values.codes
      ? await readEmbeddingCsv(values.codes, classes)
      : await readEmbeddingNpy(values['codes-npy']!, values['labels-npy']!, classes);
    const readMs = performance.now() - t0;
    const files = (values.codes ? [values.codes] : [values['codes-npy']!, values['labels-npy']!]).map((f) => basename(f));
    const images = values.images
      ? (await stat(values.images)).isDirectory()
        ? await embeddingImagesFromFolder(values.images, table.count)
        : embeddingImagesFromIdx(new Uint8Array(await readFile(values.images)), basename(values.images), table.count)
      : null;
    // Without --dataset or --images, codes one per MNIST image numbered by digit are MNIST's; any other count, or
    // labels by name, bring their own labels.
    const mnist =
      !data && !images && !table.classNames && table.count === MNIST_COUNT && table.labels.every((l) => l < 10)
        ? indexDataset(await loadMnist())
        : null;
    const of = data ?? mnist;
    const record = await importEmbeddings(table, {
      name: values.name ?? basename(files[0]!).replace(/\.(csv|npy)$/, ''),
      ...(of ? { datasetId: values.dataset ?? 'mnist', data: of } : { images }),
      runsDir,
      backend: currentBackend(),
      files: images ? [...files, basename(values.images!)] : files,
    });
    console.log(
      `imported ${table.count} codes of ${table.d} numbers (read in ${(readMs / 1000).toFixed(1)} s) as run ${record.id} in ${runsDir}: ` +
        `${of ? `images of ${record.dataset}` : images ? 'with their images' : 'no images'}, 5-NN ${record.metrics.knn?.toFixed(3) ?? 'n/a'}`,
    );
    return 0;
  } catch (err) {
    console.error(`import: ${errorMessage(err)}`);
    return 1;
  }
}

/** Codes of all of MNIST (train then test). */
const MNIST_COUNT = 70_000;

/** The files of one Keras part: a model.json and the weight files beside it. */
async function kerasFiles(path: string, part: 'encoder' | 'decoder') {
  const dir = path.endsWith('.json') ? dirname(path) : path;
  const json = path.endsWith('.json') ? basename(path) : 'model.json';
  const names = (await readdir(dir)).filter((n) => n === json || n.endsWith('.bin'));
  return Promise.all(names.map(async (name) => ({ part, name, bytes: new Uint8Array(await readFile(join(dir, name))) })));
}

async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'onnx-encoder': { type: 'string' },
        'onnx-decoder': { type: 'string' },
        'keras-encoder': { type: 'string' },
        'keras-decoder': { type: 'string' },
        run: { type: 'string' },
        codes: { type: 'string' },
        'codes-npy': { type: 'string' },
        'labels-npy': { type: 'string' },
        images: { type: 'string' },
        name: { type: 'string' },
        dataset: { type: 'string' },
        layout: { type: 'string' },
        range: { type: 'string' },
        output: { type: 'string' },
        runs: { type: 'string' },
        backend: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
    const onnx = Boolean(values['onnx-encoder'] || values['onnx-decoder']);
    const keras = Boolean(values['keras-encoder'] || values['keras-decoder']);
    const codes = Boolean(values.codes || values['codes-npy'] || values['labels-npy']);
    if ([onnx, keras, Boolean(values.run), codes].filter(Boolean).length !== 1)
      throw new Error(
        'give exactly one of: --onnx-encoder/--onnx-decoder, --keras-encoder/--keras-decoder, --run, --codes (or --codes-npy/--labels-npy)',
      );
    if (codes && !values.codes && !(values['codes-npy'] && values['labels-npy']))
      throw new Error('--codes-npy and --labels-npy go together');
    if (onnx && !(values['onnx-encoder'] && values['onnx-decoder'])) throw new Error('--onnx-encoder and --onnx-decoder go together');
    if (keras && !(values['keras-encoder'] && values['keras-decoder'])) throw new Error('--keras-encoder and --keras-decoder go together');
  } catch (err) {
    console.error(`import: ${errorMessage(err)}`);
    return 2;
  }
  const runsDir = resolveRunsDir(values.runs ? ['--runs', values.runs] : [], process.env);

  if (values.run) {
    try {
      const files = values.run.endsWith('.zip')
        ? runFilesFromZip(new Uint8Array(await readFile(values.run)))
        : await runFilesFromFolder(values.run);
      const record = await installRun(runsDir, files);
      console.log(`opened ${values.run} as run ${record.id} in ${runsDir}`);
      return 0;
    } catch (err) {
      console.error(`import: ${err instanceof RunImportError ? 'not opened: ' : ''}${errorMessage(err)}`);
      return 1;
    }
  }

  if (values.codes || values['codes-npy']) return importCodes(values, runsDir);

  let request: RequestOf<'importModel'>;
  try {
    const format = values['onnx-encoder'] ? 'onnx' : 'tfjs-layers';
    const files =
      format === 'onnx'
        ? await Promise.all(
            (['encoder', 'decoder'] as const).map(async (part) => {
              const path = values[`onnx-${part}`]!;
              return { part, name: basename(path), bytes: new Uint8Array(await readFile(path)) };
            }),
          )
        : [...(await kerasFiles(values['keras-encoder']!, 'encoder')), ...(await kerasFiles(values['keras-decoder']!, 'decoder'))];
    const encoderPath = values['onnx-encoder'] ?? values['keras-encoder']!;
    const parsed = requestSchemas.importModel.safeParse({
      name: values.name ?? basename(encoderPath).replace(/\.(onnx|json)$/, ''),
      format,
      files,
      ...(values.dataset ? { dataset: values.dataset } : {}),
      ...(values.layout ? { layout: values.layout } : {}),
      ...(values.range ? { range: values.range } : {}),
      ...(values.output ? { output: values.output } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${issue.path.join('.') || 'arguments'}: ${issue.message}`);
    }
    request = parsed.data;
  } catch (err) {
    console.error(`import: ${errorMessage(err)}`);
    return 2;
  }
  await initBackend({ prefer: values.backend as BackendName | undefined });
  const session = createSession({ runsDir, backend: currentBackend, version: 'cli' });
  try {
    const result = await createHost(session).handle('importModel', request);
    if (!result.ok) {
      console.error(`import: ${result.error.message}`);
      return 1;
    }
    const summary = result.value as RunSummary;
    const fmt = (v: number | null, digits: number) => (v === null ? 'n/a' : v.toFixed(digits));
    console.log(
      `imported ${summary.name} as run ${summary.id} in ${runsDir}: latent ${summary.latent}, test BCE ${fmt(summary.testLoss, 4)}, 5-NN ${fmt(summary.knn, 3)}`,
    );
    return 0;
  } finally {
    await session.dispose();
  }
}

export const command: Command = { summary: 'open a model trained elsewhere (PyTorch ONNX, Keras TF.js) or a run .zip', help, run };
