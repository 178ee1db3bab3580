/** `train` flags to a validated {@link TrainConfig}: preset or config file first, then flag by flag. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { trainConfigSchema, type TrainConfig } from '../pure/api/api.js';
import { LESSON_PACK, PRESETS, defaultTrainConfig, packRunId } from '../pure/model/presets.js';
import { ARCHS, NOISE_KINDS, type Arch } from '../pure/model/types.js';

export const TRAIN_FLAGS = {
  arch: { type: 'string' },
  latent: { type: 'string' },
  hidden: { type: 'string' },
  filters: { type: 'string' },
  activation: { type: 'string' },
  'code-activation': { type: 'string' },
  loss: { type: 'string' },
  noise: { type: 'string' },
  beta: { type: 'string' },
  contraction: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  schedule: { type: 'string' },
  threads: { type: 'string' },
  seed: { type: 'string' },
  limit: { type: 'string' },
  name: { type: 'string' },
  dataset: { type: 'string' },
  preset: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  backend: { type: 'string' },
  'test-limit': { type: 'string' },
  weights: { type: 'string' },
  resume: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

export type TrainFlags = ReturnType<typeof parseTrainFlags>;

/** @throws Error with a one-line reason for unknown flags or stray arguments. */
export function parseTrainFlags(argv: string[]) {
  return parseArgs({ args: argv, options: TRAIN_FLAGS, strict: true, allowPositionals: false }).values;
}

/**
 * `--threads`: training threads (data-parallel), 1 up to 64; all cores when absent.
 * @throws Error naming the flag.
 */
export function threadsFromFlags(flags: TrainFlags): number | undefined {
  if (flags.threads === undefined) return undefined;
  const n = Number(flags.threads);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--threads: expected a whole number from 1 to 64, got '${flags.threads}'`);
  return n;
}

/** A list like `512,128`; an empty string is an empty list. */
function intList(flag: string, text: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isInteger(n)) throw new Error(`--${flag}: '${part}' is not an integer (expected e.g. 512,128)`);
    return n;
  });
}

function num(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`--${flag}: '${text}' is not a number`);
  return n;
}

/** `dropout:0.3` or `gaussian:0.2`. */
function noise(text: string): TrainConfig['noise'] {
  const [kind, level] = text.split(':');
  if (!NOISE_KINDS.includes(kind as never) || level === undefined) {
    throw new Error(`--noise: expected <${NOISE_KINDS.join('|')}>:<level>, e.g. dropout:0.3, got '${text}'`);
  }
  return { kind: kind as TrainConfig['noise']['kind'], level: num('noise', level) };
}

/**
 * The configuration the flags ask for: `--config` file or `--preset`, else the defaults of `--arch`, then each
 * flag given on top.
 * @throws Error naming the offending flag or config field.
 */
export async function configFromFlags(flags: TrainFlags): Promise<TrainConfig> {
  let base: Partial<TrainConfig>;
  if (flags.config) {
    base = JSON.parse(await readFile(flags.config, 'utf8')) as Partial<TrainConfig>;
  } else if (flags.preset) {
    const preset = [...PRESETS, ...LESSON_PACK.map((m) => ({ id: packRunId(m.id), config: m.config }))].find((p) => p.id === flags.preset);
    if (!preset)
      throw new Error(
        `--preset: unknown preset '${flags.preset}' (known: ${[...PRESETS.map((p) => p.id), ...LESSON_PACK.map((m) => packRunId(m.id))].join(', ')})`,
      );
    base = preset.config;
  } else {
    base = {};
  }
  const arch = (flags.arch ?? base.arch ?? 'dense') as Arch;
  if (!ARCHS.includes(arch)) throw new Error(`--arch: '${arch}' is not one of ${ARCHS.join(', ')}`);
  const merged: Record<string, unknown> = { ...defaultTrainConfig(arch), ...base, arch };
  if (flags.dataset !== undefined) merged.dataset = flags.dataset;
  if (flags.latent !== undefined) merged.latent = num('latent', flags.latent);
  if (flags.hidden !== undefined) merged.hidden = intList('hidden', flags.hidden);
  if (flags.filters !== undefined) merged.filters = intList('filters', flags.filters);
  if (flags.activation !== undefined) merged.activation = flags.activation;
  if (flags['code-activation'] !== undefined) merged.codeActivation = flags['code-activation'];
  if (flags.loss !== undefined) merged.loss = flags.loss;
  if (flags.noise !== undefined) merged.noise = noise(flags.noise);
  if (flags.beta !== undefined) merged.beta = num('beta', flags.beta);
  if (flags.contraction !== undefined) merged.contraction = num('contraction', flags.contraction);
  if (flags.epochs !== undefined) merged.epochs = num('epochs', flags.epochs);
  if (flags.batch !== undefined) merged.batchSize = num('batch', flags.batch);
  if (flags.lr !== undefined) merged.learningRate = num('lr', flags.lr);
  if (flags.schedule !== undefined) merged.schedule = flags.schedule;
  if (flags.seed !== undefined) merged.seed = num('seed', flags.seed);
  if (flags.limit !== undefined) merged.limit = num('limit', flags.limit);
  if (flags.name !== undefined) merged.name = flags.name;
  const parsed = trainConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid setting ${issue.path.join('.') || '(config)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** A checkpoint's config with `--epochs` changed. @throws Error naming the flag, not a zod dump. */
export function resumedConfig(config: TrainConfig, epochs: string): TrainConfig {
  const parsed = trainConfigSchema.safeParse({ ...config, epochs: num('epochs', epochs) });
  if (!parsed.success) throw new Error(`--epochs: ${epochs} is not a number of epochs (${parsed.error.issues[0]!.message})`);
  return parsed.data;
}
