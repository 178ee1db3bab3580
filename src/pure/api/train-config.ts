/**
 * What a training is asked for: the model, the data and the optimiser, validated by one zod schema that the API,
 * the CLI and the training form share. Pure module.
 */
import { z } from 'zod';
import { SCHEDULES } from '../model/schedule.js';
import { ACTIVATIONS, ARCHS, DENSE_FAMILY, LOSSES, MAX_DENSE_LATENT, MAX_LATENT, NOISE_KINDS } from '../model/types.js';

/** Datasets built into the app. */
export const TRAIN_DATASETS = ['mnist', 'fashion-mnist'] as const;
/** A dataset the user imported: `user:<slug>` (lower-case letters, digits, dashes). */
export const USER_DATASET = /^user:[a-z0-9][a-z0-9-]{0,39}$/;
/** A dataset a run can train on: a built-in one or an imported `user:<slug>`. */
export type TrainDataset = (typeof TRAIN_DATASETS)[number] | `user:${string}`;
/** Largest number of images one import may carry. */
export const MAX_IMPORT_IMAGES = 100_000;

export const trainDataset = z.union([
  z.enum(TRAIN_DATASETS),
  z.custom<`user:${string}`>((v) => typeof v === 'string' && USER_DATASET.test(v), 'an imported dataset id, user:<name>'),
]);

export const trainConfigSchema = z
  .object({
    name: z.string().min(1).max(80).optional(),
    /** Dataset to train on; MNIST when absent. */
    dataset: trainDataset.optional(),
    arch: z.enum(ARCHS),
    latent: z.number().int().min(1).max(MAX_DENSE_LATENT),
    hidden: z.array(z.number().int().min(1).max(4096)).max(6),
    filters: z.array(z.number().int().min(1).max(256)).max(4),
    activation: z.enum(ACTIVATIONS),
    codeActivation: z.enum(ACTIVATIONS).optional(),
    loss: z.enum(LOSSES),
    noise: z.object({ kind: z.enum(NOISE_KINDS), level: z.number().min(0).max(1), rescale: z.boolean().optional() }).strict(),
    beta: z.number().min(0).max(100),
    contraction: z.number().min(0).max(100),
    learningRate: z.number().gt(0).max(1),
    /** How the step size moves over the run (src/pure/model/schedule.ts); constant when absent. */
    schedule: z.enum(SCHEDULES).optional(),
    batchSize: z.number().int().min(1).max(4096),
    epochs: z.number().int().min(1).max(1000),
    seed: z.number().int().nonnegative(),
    /** Train on the first `limit` train images (all when absent). */
    limit: z.number().int().min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.latent > MAX_LATENT && !DENSE_FAMILY.includes(c.arch))
      ctx.addIssue({
        code: 'too_big',
        origin: 'number',
        maximum: MAX_LATENT,
        inclusive: true,
        path: ['latent'],
        message: `a ${c.arch} model's code has at most ${MAX_LATENT} units (dense-family codes up to ${MAX_DENSE_LATENT})`,
      });
    if (c.noise.rescale && (c.noise.kind !== 'dropout' || c.noise.level >= 1))
      ctx.addIssue({ code: 'custom', path: ['noise', 'rescale'], message: 'rescale applies to dropout noise with a level below 1' });
  });
export type TrainConfig = z.infer<typeof trainConfigSchema>;
