/** `run.json`: what a run folder says about itself, validated with zod whenever it is read. */
import { z } from 'zod';
import { trainConfigSchema } from '../pure/api/api.js';
import { conventionSchema } from '../pure/import/convention.js';

/** Bumped when `run.json` changes incompatibly. */
export const RUN_VERSION = 1;

const loss = z.number().finite().nullable();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const digestPair = z.object({ model: sha256, weights: sha256 });

/**
 * Where an imported run came from: a model trained elsewhere, opened read-only. `onnx` runs keep the two graphs
 * in `onnx/` (checked against `checksums` on every load); `tfjs-layers` runs keep TF.js Layers models in
 * `encoder/` and `decoder/` like trained runs. `convention` is how the model wants its images.
 */
export const importedSchema = z
  .object({
    format: z.enum(['onnx', 'tfjs-layers']),
    /** The file names the user picked, for the record. */
    files: z.object({ encoder: z.array(z.string()), decoder: z.array(z.string()) }),
    convention: conventionSchema,
    /** ISO 8601. */
    importedAt: z.string().min(1),
    /** SHA-256 of `onnx/encoder.onnx` and `onnx/decoder.onnx` (onnx runs). */
    checksums: z.object({ encoder: sha256, decoder: sha256 }).optional(),
  })
  .strict();
export type ImportedInfo = z.infer<typeof importedSchema>;

export const runRecordSchema = z.object({
  version: z.literal(RUN_VERSION),
  /** Folder name inside the runs library. */
  id: z.string().min(1),
  name: z.string(),
  /** Model and training settings, exactly as trained. */
  config: trainConfigSchema,
  /** Dataset id, e.g. `mnist`. */
  dataset: z.string().min(1),
  backend: z.enum(['tfjs-node', 'wasm', 'cpu']),
  /** One entry per finished epoch; losses are per-pixel means, null when not a finite number. */
  history: z.array(z.object({ epoch: z.number().int().min(1), loss, testLoss: loss })),
  metrics: z.object({
    /** Test loss at the end of training. */
    testLoss: loss,
    /** 5-NN accuracy of test codes among train codes, 0..1. */
    knn: z.number().min(0).max(1).nullable(),
  }),
  /** ISO 8601 times. */
  createdAt: z.string().min(1),
  finishedAt: z.string().nullable(),
  /** Training time, pauses excluded. */
  durationMs: z.number().nonnegative(),
  /** Mean training throughput, images per second. */
  samplesPerSec: z.number().nonnegative().optional(),
  /** `checkpoint`: saved after an epoch of a training still going (or interrupted); holds a resumable state. */
  status: z.enum(['complete', 'checkpoint']),
  /**
   * SHA-256 (hex) of each model's `model.json` and `weights.bin`, written by `saveRun` and checked on every load:
   * a file changed after saving (damaged or tampered with) is refused instead of explored as this run.
   */
  checksums: z
    .object({
      encoder: digestPair,
      decoder: digestPair,
      /** A VAE's variance head in `logvar/` (runs saved before it was kept have none). */
      logvar: digestPair.optional(),
    })
    .optional(),
  /** `imported`: a model trained elsewhere (read-only, never resumed); absent or `trained`: trained here. */
  kind: z.enum(['trained', 'imported', 'embeddings']).optional(),
  imported: importedSchema.optional(),
  /**
   * `embeddings` runs: codes made elsewhere (no model), in `codes.f32` and `labels.u8` (and `images.u8` when they
   * came with images), digests checked on load.
   */
  embeddings: z
    .object({
      count: z.number().int().positive(),
      d: z.number().int().min(1).max(64),
      files: z.array(z.string()),
      checksums: z.object({ codes: sha256, labels: sha256, images: sha256.optional() }),
      /**
       * Set when the run brought its own labels (any count of codes, dataset `run:<id>`): the class names, and
       * whether `images.u8` holds one 28x28 image per code.
       */
      classNames: z.array(z.string().min(1).max(40)).min(1).max(32).optional(),
      images: z.boolean().optional(),
    })
    .strict()
    .optional(),
  /**
   * The training replay (`replay.bin`): plane codes of a fixed test sample after every epoch. Runs trained
   * before replays existed have none.
   */
  replay: z
    .object({
      file: z.literal('replay.bin'),
      points: z.number().int().positive(),
      epochs: z.number().int().nonnegative(),
      projected: z.boolean(),
    })
    .optional(),
});

export type RunRecord = z.infer<typeof runRecordSchema>;

/**
 * Why a run folder cannot be used: `missing` (no folder or no run.json), `corrupt` (unreadable or damaged files),
 * `version` (another run.json format), `refused` (a folder the library must not follow: a link, or outside it).
 * The host maps these codes to API errors (src/host/run-errors.ts); nothing matches on the message text.
 */
export type RunErrorCode = 'missing' | 'corrupt' | 'version' | 'refused';

/** A run folder that cannot be used; `message` names the folder and the reason, `reason` the reason alone. */
export class RunError extends Error {
  constructor(
    readonly code: RunErrorCode,
    readonly dir: string,
    readonly reason: string,
  ) {
    super(`${dir}: ${reason}`);
    this.name = 'RunError';
  }
}

/** A finite number or null, as `run.json` stores losses (JSON has no NaN). */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value != null && Number.isFinite(value) ? value : null;
}
