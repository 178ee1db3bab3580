/**
 * Default settings per architecture and the presets that reproduce the course material. A preset is a full
 * training configuration (model and optimiser settings), the shape `startTraining` and `train --config` take.
 */
import type { TrainConfig } from '../api/api.js';
import type { Arch, ModelConfig } from './types.js';

/** Training settings that go with a model config. */
export const DEFAULT_TRAINING = { learningRate: 1e-3, batchSize: 128, epochs: 10, seed: 1 } as const;

const base: ModelConfig = {
  arch: 'dense',
  latent: 2,
  hidden: [512, 128],
  filters: [32, 64],
  activation: 'relu',
  loss: 'bce',
  noise: { kind: 'dropout', level: 0.3 },
  beta: 1,
  contraction: 0.1,
};

const perArch: Record<Arch, Partial<ModelConfig>> = {
  dense: {},
  conv: {},
  denoising: {},
  vae: {},
  tied: {},
  linear: { hidden: [], activation: 'linear', loss: 'mse' },
  contractive: { hidden: [256], activation: 'sigmoid', contraction: 0.01 },
};

/** Sensible defaults for an architecture (2-D latent, so the space can be looked at directly). */
export function defaultConfig(arch: Arch): ModelConfig {
  return structuredClone({ ...base, ...perArch[arch], arch });
}

/** A full training configuration: defaults for `arch`, then `overrides`. */
export function defaultTrainConfig(arch: Arch, overrides: Partial<TrainConfig> = {}): TrainConfig {
  return { ...defaultConfig(arch), ...DEFAULT_TRAINING, ...overrides };
}

export interface Preset {
  id: string;
  /** Short label for a menu. */
  label: string;
  /** Where it comes from and what it shows. */
  description: string;
  config: TrainConfig;
}

/** The course's autoencoders, ready to train. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'course-simple',
    label: '784-30-784 tanh, MSE',
    description: 'The simplest autoencoder of the course: one tanh layer of 30 units, mean squared error.',
    config: defaultTrainConfig('dense', {
      name: 'Simple 784-30-784',
      hidden: [],
      latent: 30,
      activation: 'tanh',
      codeActivation: 'tanh',
      loss: 'mse',
    }),
  },
  {
    id: 'course-stack',
    label: '784-100-200-30 dense stack',
    description: 'The stacked dense autoencoder of the course: 100 and 200 hidden units, a 30-D code.',
    config: defaultTrainConfig('dense', { name: 'Dense stack 100-200-30', hidden: [100, 200], latent: 30, activation: 'relu' }),
  },
  {
    id: 'course-conv',
    label: 'Convolutional 16-32',
    description: 'The convolutional autoencoder of the course: two stride-2 convolutions, transposed convolutions back.',
    config: defaultTrainConfig('conv', { name: 'Convolutional', filters: [16, 32], latent: 2 }),
  },
  {
    id: 'course-denoising',
    label: 'Denoising, dropout mask',
    description: 'The denoising autoencoder of the course: 30% of input pixels masked to zero while training.',
    config: defaultTrainConfig('denoising', { name: 'Denoising', hidden: [256], latent: 2, noise: { kind: 'dropout', level: 0.3 } }),
  },
  {
    id: 'course-overcomplete',
    label: '784-500-784 tanh, MSE (over-complete)',
    description:
      'The notebook model with a code larger than the image: 500 tanh units. Nothing stops it copying its input, noise included.',
    config: defaultTrainConfig('dense', {
      name: 'Over-complete 784-500-784',
      hidden: [],
      latent: 500,
      activation: 'tanh',
      codeActivation: 'tanh',
      loss: 'mse',
    }),
  },
  {
    id: 'course-denoising-overcomplete',
    label: 'Over-complete denoiser, dropout 0.5',
    description:
      "The notes' denoiser: 784-500-784 tanh + MSE, half the input pixels dropped while training and the rest scaled by 1/(1-p) = 2, as a Dropout layer on the input does.",
    config: defaultTrainConfig('denoising', {
      name: 'Over-complete denoiser 784-500-784',
      hidden: [],
      latent: 500,
      activation: 'tanh',
      codeActivation: 'tanh',
      loss: 'mse',
      noise: { kind: 'dropout', level: 0.5, rescale: true },
    }),
  },
  {
    id: 'explorer-dense-2d',
    label: 'Dense 512-128-2',
    description: 'A dense 2-D model for exploring the latent plane (the default model).',
    // The recipe study's winner (docs/performance.md): one-cycle to 3e-3 reaches a 5-NN of 0.80 at epoch 7 of 12
    // (about 2 minutes on two cores), where a constant 1e-3 needed about 20; the 12 epochs give the old 20-epoch
    // model's test BCE (0.1674 against 0.1678), 8 gave 0.1703.
    config: defaultTrainConfig('dense', { name: 'Dense 2-D', epochs: 12, learningRate: 3e-3, schedule: 'one-cycle' }),
  },
];

/** The preset the shipped default model is trained with (assets/default-run/). */
export const DEFAULT_PRESET_ID = 'explorer-dense-2d';

/** One model of the lesson pack shipped in `assets/lessons/<id>/`: the lesson it serves and how it is trained. */
export interface PackModel {
  /** Folder name under `assets/lessons/` (also its run id, prefixed `lesson-`). */
  id: string;
  /** The lessons that open with it. */
  lessons: readonly string[];
  config: TrainConfig;
}

/**
 * Images, epochs and recipe of the pack: small enough to remake on a laptop, large enough for each lesson's
 * point; the default preset's one-cycle schedule to 3e-3 (the recipe study in docs/performance.md).
 */
const PACK = { limit: 20_000, epochs: 6, seed: 1, learningRate: 3e-3, schedule: 'one-cycle' } as const;

/**
 * The lesson pack: every model a lesson is about, trained by `train --preset lesson-<id>` (see
 * scripts/make-lesson-pack.mjs). Sizes and epochs are the ones recorded here; changing them and rerunning the
 * script remakes the pack.
 */
export const LESSON_PACK: readonly PackModel[] = [
  {
    id: 'denoising',
    lessons: ['denoise'],
    config: { ...PRESETS.find((p) => p.id === 'course-denoising-overcomplete')!.config, ...PACK, epochs: 5 },
  },
  {
    id: 'linear',
    lessons: ['pca'],
    // Trained on exactly the 5,000 images the lesson fits PCA to, so the subspaces can be compared closely.
    config: defaultTrainConfig('linear', {
      name: 'Linear 784-2 (PCA)',
      latent: 2,
      limit: 5_000,
      epochs: 40,
      batchSize: 32,
      learningRate: 3e-3,
    }),
  },
  {
    id: 'dense-bce',
    lessons: ['loss', 'dense-conv', 'reconstructions'],
    config: defaultTrainConfig('dense', { name: 'Dense 784-256-2, BCE', hidden: [256], latent: 2, loss: 'bce', ...PACK }),
  },
  {
    id: 'dense-mse',
    lessons: ['loss'],
    config: defaultTrainConfig('dense', { name: 'Dense 784-256-2, MSE', hidden: [256], latent: 2, loss: 'mse', ...PACK }),
  },
  {
    id: 'conv',
    lessons: ['kernels', 'dense-conv'],
    config: defaultTrainConfig('conv', { name: 'Convolutional 16-32-2', filters: [16, 32], latent: 2, ...PACK }),
  },
  {
    id: 'vae',
    lessons: ['vae'],
    config: defaultTrainConfig('vae', { name: 'VAE 784-256-2', hidden: [256], latent: 2, ...PACK }),
  },
  {
    id: 'contractive',
    lessons: ['contractive'],
    config: defaultTrainConfig('contractive', {
      name: 'Contractive 784-30-784 sigmoid',
      hidden: [],
      latent: 30,
      activation: 'sigmoid',
      loss: 'mse',
      contraction: 0.1,
      ...PACK,
    }),
  },
  {
    id: 'plain-30',
    lessons: ['contractive'],
    config: defaultTrainConfig('dense', {
      name: 'Plain 784-30-784 sigmoid',
      hidden: [],
      latent: 30,
      activation: 'sigmoid',
      codeActivation: 'sigmoid',
      loss: 'mse',
      ...PACK,
    }),
  },
];

/** Run id of a pack model. */
export const packRunId = (id: string): string => `lesson-${id}`;
