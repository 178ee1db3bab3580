/**
 * Checks `train` makes before it loads data or builds a model: flags that would otherwise pass silently
 * (`--backend bogus`, `--test-limit abc`, `--limit 1e9`), datasets it cannot train on, configs the machine cannot
 * hold, and the `--out` folder (see src/runs/out-folder.ts). Each refusal is one line naming the flag.
 */
import { TRAIN_DATASETS, type TrainConfig } from '../pure/api/api.js';
import { checkOutFolder } from '../runs/out-folder.js';
import { memoryRefusal } from '../runs/memory-budget.js';
import type { TrainFlags } from './train-args.js';

const BACKENDS = ['tfjs-node', 'wasm', 'cpu'] as const;
/** Images in the training split of both built-in datasets. */
const TRAIN_IMAGES = 60_000;
const TEST_IMAGES = 10_000;

function positiveInt(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 1) throw new Error(`--${flag}: '${text}' is not a positive whole number`);
  if (n > max) throw new Error(`--${flag}: ${text} is more than the ${max.toLocaleString('en')} images there are`);
  return n;
}

/** @throws Error with a one-line reason for the first flag or setting that cannot be trained. */
export async function checkTrainRequest(flags: TrainFlags, config: TrainConfig, out: string): Promise<void> {
  if (flags.backend !== undefined && !BACKENDS.includes(flags.backend as never))
    throw new Error(`--backend: '${flags.backend}' is not one of ${BACKENDS.join(', ')}`);
  if (flags['test-limit'] !== undefined) positiveInt('test-limit', flags['test-limit'], TEST_IMAGES);
  const dataset = config.dataset ?? 'mnist';
  if (!TRAIN_DATASETS.includes(dataset as never))
    throw new Error(
      `--dataset: '${dataset}' is not a dataset the train command has (known: ${TRAIN_DATASETS.join(', ')}; ` +
        'imported user: datasets train in the app)',
    );
  if (config.limit !== undefined && config.limit > TRAIN_IMAGES)
    throw new Error(`--limit: ${config.limit} is more than the ${TRAIN_IMAGES.toLocaleString('en')} training images there are`);
  const refusal = memoryRefusal(config, Math.min(config.limit ?? TRAIN_IMAGES, TRAIN_IMAGES));
  if (refusal) throw new Error(refusal);
  await checkOutFolder(out, { overwrite: flags.overwrite, resume: flags.resume });
}
