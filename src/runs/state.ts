/**
 * The full trainable state of an autoencoder (every variable the optimiser updates, including those the stock
 * encoder/decoder do not hold, such as a VAE's `z_log_var` head), so that training can resume from a
 * checkpoint. Adam's moment estimates are not kept: a resumed run restarts them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from '../model/types.js';

export const STATE_DIR = 'state';
const MANIFEST = 'variables.json';
const DATA = 'variables.bin';

/** Writes the variables of `ae` into the existing folder `dir` (float32, in `trainableVariables` order). */
export async function saveTrainState(ae: Autoencoder, dir: string): Promise<void> {
  const shapes = ae.trainableVariables.map((v) => v.shape);
  const total = shapes.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const v of ae.trainableVariables) {
    const values = v.dataSync() as Float32Array;
    data.set(values, offset);
    offset += values.length;
  }
  await writeFile(join(dir, DATA), new Uint8Array(data.buffer));
  await writeFile(join(dir, MANIFEST), JSON.stringify({ shapes }));
}

/**
 * Overwrites the variables of `ae` (built from the same config) with the state in `dir`.
 * @throws Error when the state does not fit the model.
 */
export async function restoreTrainState(ae: Autoencoder, dir: string): Promise<void> {
  const { shapes } = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as { shapes: number[][] };
  const bytes = await readFile(join(dir, DATA));
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const vars = ae.trainableVariables;
  if (shapes.length !== vars.length || shapes.some((s, i) => s.join() !== vars[i]!.shape.join())) {
    throw new Error(`saved state [${shapes.map((s) => s.join('x')).join(', ')}] does not fit this model`);
  }
  let offset = 0;
  for (const v of vars) {
    const size = v.size;
    tf.tidy(() => v.assign(tf.tensor(data.subarray(offset, offset + size), v.shape)));
    offset += size;
  }
  ae.sync();
}
