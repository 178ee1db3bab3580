/**
 * The full training state of a checkpoint, so that a resumed run equals the uninterrupted one bit for bit:
 * every variable the optimiser updates (including those the stock encoder/decoder do not hold, such as a VAE's
 * `z_log_var` head), Adam's step count and moments (src/runs/optimizer-state.ts), and the state of the model's
 * noise generator (denoising and VAE models). The batch order needs no saving: it is a function of the seed and
 * the epoch, and checkpoints are taken at epoch ends.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { Autoencoder } from '../model/types.js';
import { writeFileDurable } from './durable.js';
import { readRegularFile, refuseLinkedDir } from './safe-read.js';
import type { OptimizerState } from './optimizer-state.js';

export const STATE_DIR = 'state';
const MANIFEST = 'variables.json';
const DATA = 'variables.bin';
const OPTIMIZER = 'optimizer.bin';

/** What a checkpoint holds besides the variables; absent in checkpoints written before it was kept. */
export interface TrainStateExtras {
  optimizer?: OptimizerState;
  /** The noise generator's state (see `NoiseSource.state`). */
  random?: number;
}

const manifestSchema = z.object({
  shapes: z.array(z.array(z.number().int().nonnegative()).max(6)),
  optimizer: z
    .object({
      iterations: z.number().int().nonnegative(),
      accBeta1: z.number(),
      accBeta2: z.number(),
      moments: z.number().int().nonnegative(),
    })
    .optional(),
  random: z.number().int().nonnegative().optional(),
});

function concat(arrays: readonly Float32Array[]): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const a of arrays) {
    data.set(a, offset);
    offset += a.length;
  }
  return new Uint8Array(data.buffer);
}

const floats = (bytes: Buffer) =>
  new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

/** Writes the training state of `ae` (and `extras`) into the existing folder `dir`. */
export async function saveTrainState(ae: Autoencoder, dir: string, extras: TrainStateExtras = {}): Promise<void> {
  const shapes = ae.trainableVariables.map((v) => v.shape);
  await writeFileDurable(join(dir, DATA), concat(ae.trainableVariables.map((v) => v.dataSync() as Float32Array)));
  const { optimizer, random } = extras;
  if (optimizer) await writeFileDurable(join(dir, OPTIMIZER), concat(optimizer.moments));
  const manifest: z.infer<typeof manifestSchema> = {
    shapes,
    ...(optimizer
      ? {
          optimizer: {
            iterations: optimizer.iterations,
            accBeta1: optimizer.accBeta1,
            accBeta2: optimizer.accBeta2,
            moments: optimizer.moments.length,
          },
        }
      : {}),
    ...(random !== undefined ? { random } : {}),
  };
  await writeFileDurable(join(dir, MANIFEST), JSON.stringify(manifest));
}

/**
 * Overwrites the variables of `ae` (built from the same config) with the state in `dir`, and returns the
 * optimizer and noise state saved with them.
 * @throws Error saying what does not fit when the state is damaged or belongs to another model.
 */
export async function restoreTrainState(ae: Autoencoder, dir: string): Promise<TrainStateExtras> {
  await refuseLinkedDir(dir);
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse((await readRegularFile(join(dir, MANIFEST))).toString('utf8')));
  } catch (err) {
    const why =
      err instanceof z.ZodError
        ? `${err.issues[0]!.path.join('.') || '(root)'}: ${err.issues[0]!.message}`
        : err instanceof Error
          ? err.message.slice(0, 200)
          : String(err);
    throw new Error(`the checkpoint's ${STATE_DIR}/${MANIFEST} is damaged (${why})`, { cause: err });
  }
  const { shapes } = manifest;
  const vars = ae.trainableVariables;
  if (shapes.length !== vars.length || shapes.some((s, i) => s.join() !== vars[i]!.shape.join())) {
    throw new Error(`saved state [${shapes.map((s) => s.join('x')).join(', ')}] does not fit this model`);
  }
  const total = vars.reduce((n, v) => n + v.size, 0);
  const data = floats(await readRegularFile(join(dir, DATA), { maxBytes: total * 4 }));
  if (data.length !== total) throw new Error(`the checkpoint's ${STATE_DIR}/${DATA} has ${data.length} numbers, the model needs ${total}`);
  let offset = 0;
  for (const v of vars) {
    const size = v.size;
    tf.tidy(() => v.assign(tf.tensor(data.subarray(offset, offset + size), v.shape)));
    offset += size;
  }
  ae.sync();
  const extras: TrainStateExtras = {};
  if (manifest.random !== undefined) extras.random = manifest.random;
  if (manifest.optimizer && manifest.optimizer.moments > 0) {
    const all = floats(await readRegularFile(join(dir, OPTIMIZER), { maxBytes: 2 * total * 4 }));
    if (all.length !== 2 * total)
      throw new Error(`the checkpoint's ${STATE_DIR}/${OPTIMIZER} has ${all.length} numbers, expected ${2 * total}`);
    const moments: Float32Array[] = [];
    let at = 0;
    for (const v of [...vars, ...vars]) {
      moments.push(all.slice(at, at + v.size));
      at += v.size;
    }
    extras.optimizer = { ...manifest.optimizer, moments };
  }
  return extras;
}
