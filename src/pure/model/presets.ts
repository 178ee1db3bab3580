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
    id: 'explorer-dense-2d',
    label: 'Dense 512-128-2',
    description: 'A dense 2-D model for exploring the latent plane (the default model).',
    config: defaultTrainConfig('dense', { name: 'Dense 2-D', epochs: 20 }),
  },
];
