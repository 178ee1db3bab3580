/**
 * The training form as strings (what the inputs hold) and its validation into a `TrainConfig`. The rules are
 * the API's own `trainConfigSchema` (so the form refuses exactly what the engine would), plus limits that keep
 * a model trainable in this app. Errors are message keys with parameters, so they follow the language. Pure.
 */
import { trainConfigSchema, type TrainConfig, type TrainDataset } from '../../../src/pure/api/api.js';
import { NOISE_KINDS, type Activation, type Arch, type LossKind } from '../../../src/pure/model/types.js';
import type { Schedule } from '../../../src/pure/model/schedule.js';

/** Every setting of the form, as typed. */

/** Noise choices of the form: the config's kinds, and dropout rescaled (`noise.rescale`). */
export const FORM_NOISE_KINDS = [...NOISE_KINDS, 'dropout-rescaled'] as const;
export type FormNoiseKind = (typeof FORM_NOISE_KINDS)[number];

export interface Draft {
  name: string;
  dataset: TrainDataset;
  arch: Arch;
  /** Comma-separated layer sizes, input side first. */
  hidden: string;
  filters: string;
  latent: string;
  activation: Activation;
  /** '' = the architecture's default. */
  codeActivation: Activation | '';
  loss: LossKind;
  /** The noise kinds, plus dropout with the kept pixels rescaled by 1/(1 - p) (the course's denoiser). */
  noiseKind: FormNoiseKind;
  noiseLevel: string;
  beta: string;
  contraction: string;
  learningRate: string;
  /** How the step size moves over the run (the learning rate is its peak). */
  schedule: Schedule;
  batchSize: string;
  epochs: string;
  seed: string;
  /** '' = every training image. */
  limit: string;
}

export type Field = keyof Draft;

/** A refusal, as a message key of `studio.err.*` and its parameters. */
export interface FieldError {
  field: Field;
  key:
    | 'studio.err.number'
    | 'studio.err.integer'
    | 'studio.err.min'
    | 'studio.err.gt'
    | 'studio.err.max'
    | 'studio.err.list'
    | 'studio.err.listMax'
    | 'studio.err.layerMax'
    | 'studio.err.params'
    | 'studio.err.required';
  params: Record<string, number>;
}

/** Largest model the form accepts, in trainable parameters: beyond it a wasm/CPU training takes hours. */
export const MAX_PARAMS = 20_000_000;
/** Training images available (MNIST and Fashion-MNIST both have 60,000). */
export const TRAIN_IMAGES = 60_000;

/** Which settings an architecture uses (the form hides the rest). */
export function fieldsFor(arch: Arch): { hidden: boolean; filters: boolean; noise: boolean; beta: boolean; contraction: boolean } {
  return {
    hidden: arch !== 'conv',
    filters: arch === 'conv',
    noise: arch === 'denoising',
    beta: arch === 'vae',
    contraction: arch === 'contractive',
  };
}

export function toDraft(c: TrainConfig): Draft {
  return {
    name: c.name ?? '',
    dataset: c.dataset ?? 'mnist',
    arch: c.arch,
    hidden: c.hidden.join(', '),
    filters: c.filters.join(', '),
    latent: String(c.latent),
    activation: c.activation,
    codeActivation: c.codeActivation ?? '',
    loss: c.loss,
    noiseKind: c.noise.kind === 'dropout' && c.noise.rescale ? 'dropout-rescaled' : c.noise.kind,
    noiseLevel: String(c.noise.level),
    beta: String(c.beta),
    contraction: String(c.contraction),
    learningRate: String(c.learningRate),
    schedule: c.schedule ?? 'constant',
    batchSize: String(c.batchSize),
    epochs: String(c.epochs),
    seed: String(c.seed),
    limit: c.limit === undefined ? '' : String(c.limit),
  };
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s.trim()));

function list(s: string): number[] | null {
  const parts = s.split(/[\s,]+/).filter(Boolean);
  const values = parts.map(Number);
  return values.every((v) => Number.isFinite(v)) ? values : null;
}

/** Trainable parameters of the dense part of a model (weights and biases, encoder and mirrored decoder). */
export function denseParams(hidden: readonly number[], latent: number, pixels = 784): number {
  const sizes = [pixels, ...hidden, latent];
  let n = 0;
  for (let i = 1; i < sizes.length; i++) n += sizes[i - 1]! * sizes[i]! + sizes[i]!;
  return 2 * n + pixels - latent;
}

/** The config the draft describes, or the reasons it is refused (first per field). */
export function validate(d: Draft): { config: TrainConfig | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const hidden = list(d.hidden);
  const filters = list(d.filters);
  if (!hidden) errors.push({ field: 'hidden', key: 'studio.err.list', params: {} });
  if (!filters) errors.push({ field: 'filters', key: 'studio.err.list', params: {} });
  const candidate = {
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    dataset: d.dataset,
    arch: d.arch,
    latent: num(d.latent),
    hidden: hidden ?? [],
    filters: filters ?? [],
    activation: d.activation,
    ...(d.codeActivation ? { codeActivation: d.codeActivation } : {}),
    loss: d.loss,
    noise:
      d.noiseKind === 'dropout-rescaled'
        ? { kind: 'dropout', level: num(d.noiseLevel), rescale: true }
        : { kind: d.noiseKind, level: num(d.noiseLevel) },
    beta: num(d.beta),
    contraction: num(d.contraction),
    learningRate: num(d.learningRate),
    // Constant is what a config without a schedule means; leaving it out keeps such configs as they were.
    ...(d.schedule !== 'constant' ? { schedule: d.schedule } : {}),
    batchSize: num(d.batchSize),
    epochs: num(d.epochs),
    seed: num(d.seed),
    ...(d.limit.trim() ? { limit: num(d.limit) } : {}),
  };
  const parsed = trainConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(toFieldError(issue, valueAt(candidate, issue.path)));
  }
  if (Number.isFinite(candidate.limit) && (candidate.limit ?? 0) > TRAIN_IMAGES) {
    errors.push({ field: 'limit', key: 'studio.err.max', params: { max: TRAIN_IMAGES } });
  }
  if (hidden && errors.length === 0 && fieldsFor(d.arch).hidden) {
    const params = denseParams(hidden, candidate.latent);
    if (params > MAX_PARAMS) errors.push({ field: 'hidden', key: 'studio.err.params', params: { params, max: MAX_PARAMS } });
  }
  const firstPerField = errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);
  return { config: firstPerField.length === 0 && parsed.success ? parsed.data : null, errors: firstPerField };
}

interface Issue {
  code: string;
  path: PropertyKey[];
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) v = v == null ? undefined : (v as Record<PropertyKey, unknown>)[key];
  return v;
}

/** `value` is what the form sent at the issue's path (zod does not report it by default). */
function toFieldError(issue: Issue, value: unknown): FieldError {
  const [head, sub] = issue.path;
  const field: Field = head === 'noise' ? (sub === 'kind' ? 'noiseKind' : 'noiseLevel') : (head as Field);
  const listField = field === 'hidden' || field === 'filters';
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    if (listField && typeof sub === 'number') return { field, key: 'studio.err.layerMax', params: { max } };
    if (listField) return { field, key: 'studio.err.listMax', params: { max } };
    return { field, key: 'studio.err.max', params: { max } };
  }
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum);
    return { field, key: issue.inclusive === false ? 'studio.err.gt' : 'studio.err.min', params: { min } };
  }
  if (typeof value === 'number' && Number.isFinite(value)) return { field, key: 'studio.err.integer', params: {} };
  if (value === undefined) return { field, key: 'studio.err.required', params: {} };
  return { field, key: listField ? 'studio.err.list' : 'studio.err.number', params: {} };
}
