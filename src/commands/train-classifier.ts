/**
 * `latent-explorer train-classifier`: trains the small classifier the lab's classifier view uses (digits for
 * MNIST, clothes for Fashion-MNIST) and writes it (TF.js model.json + weights.bin) with its record
 * (`classifier.json`: test accuracy, settings) into `assets/classifier-mnist/` or `assets/classifier-fashion/`,
 * where the app finds it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { loadFashionMnist } from '../data/fashion-mnist.js';
import { loadMnist } from '../data/mnist.js';
import { initBackend } from '../model/backend.js';
import { classifierFolder } from '../model/classifier.js';
import { saveModelFiles } from '../runs/model-files.js';
import { trainClassifier } from '../train/classifier.js';

const help = `Usage: latent-explorer train-classifier [--dataset mnist|fashion] [--out <dir>] [--epochs <n>]
    [--batch <n>] [--lr <x>] [--seed <n>] [--limit <n>]

Trains a small convolutional classifier (~106k weights) on the dataset's train split, scores it on the test
split and writes model.json, weights.bin and classifier.json (with the test accuracy) to --out
(default assets/classifier-mnist or assets/classifier-fashion). The shipped Fashion-MNIST classifier was made
with --dataset fashion --epochs 5.`;

export interface ClassifierRecord {
  version: 1;
  dataset: string;
  classNames: string[];
  testAccuracy: number;
  testImages: number;
  trainImages: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  losses: number[];
  weights: number;
  backend: string;
  trainedAt: string;
  durationMs: number;
}

/** The folder the app reads the classifier of `dataset` from (`assets/classifier-mnist`, `assets/classifier-fashion`). */
export function classifierDir(dataset: string): string {
  return fileURLToPath(new URL(`../../assets/${classifierFolder(dataset) ?? `classifier-${dataset}`}`, import.meta.url));
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string', default: 'mnist' },
      out: { type: 'string' },
      epochs: { type: 'string', default: '3' },
      batch: { type: 'string', default: '64' },
      lr: { type: 'string', default: '0.002' },
      seed: { type: 'string', default: '1' },
      limit: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // `fashion` is short for `fashion-mnist`, the dataset's id.
  const dataset = values.dataset === 'fashion' ? 'fashion-mnist' : values.dataset!;
  if (dataset !== 'mnist' && dataset !== 'fashion-mnist') {
    console.error(`train-classifier: --dataset must be mnist or fashion (fashion-mnist), got '${values.dataset}'`);
    return 2;
  }
  const num = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got '${v}'`);
    return n;
  };
  const epochs = num('epochs', values.epochs);
  const batchSize = num('batch', values.batch);
  const learningRate = num('lr', values.lr);
  const seed = Math.floor(num('seed', values.seed));
  const limit = values.limit ? num('limit', values.limit) : undefined;
  const backend = await initBackend();
  const data = dataset === 'mnist' ? await loadMnist() : await loadFashionMnist();
  const out = values.out ?? classifierDir(dataset);
  const started = Date.now();
  const trained = await trainClassifier(data, {
    epochs,
    batchSize,
    learningRate,
    seed,
    limit,
    onEpoch: (e, loss, s) => console.log(`epoch ${e}/${epochs}: loss ${loss.toFixed(4)} (${s.toFixed(1)} s)`),
  });
  await mkdir(out, { recursive: true });
  await saveModelFiles(trained.model, out);
  const record: ClassifierRecord = {
    version: 1,
    dataset,
    classNames: [...data.classNames],
    testAccuracy: trained.testAccuracy,
    testImages: data.test.count,
    trainImages: Math.min(limit ?? data.train.count, data.train.count),
    epochs,
    batchSize,
    learningRate,
    seed,
    losses: trained.losses,
    weights: trained.model.countParams(),
    backend,
    trainedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
  };
  await writeFile(`${out}/classifier.json`, JSON.stringify(record, null, 2) + '\n');
  console.log(`test accuracy ${trained.testAccuracy.toFixed(4)} on ${data.test.count} images; written to ${out}`);
  trained.model.dispose();
  return 0;
}

export const command: Command = { summary: 'train the small digit classifier the lab uses', help, run };
