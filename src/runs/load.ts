/** Reading run folders: records are validated, models checked against their manifests before use. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LayersModel } from '@tensorflow/tfjs';
import { LOGVAR_DIR, loadModelFiles, readModelArtifacts } from './model-files.js';
import { NotRegularFileError, readRegularFile } from './safe-read.js';
import { RUN_VERSION, RunError, runRecordSchema, type RunRecord } from './record.js';
import { RUN_JSON } from './save.js';
import { STATE_DIR } from './state.js';
import { isOnnxRun, readOnnxGraphs } from './imported.js';
import { isEmbeddingsRun, readEmbeddingsRun } from './embeddings-run.js';
import { IMAGE_PIXELS } from '../pure/data/image.js';
import { errorMessage } from '../pure/errors.js';

/**
 * Reads and validates `run.json` of a run folder.
 * @throws RunError `missing` (no folder or no run.json), `version` (another format version), `corrupt`.
 */
export async function readRunRecord(dir: string): Promise<RunRecord> {
  let text: string;
  try {
    text = (await readRegularFile(join(dir, RUN_JSON))).toString('utf8');
  } catch (err) {
    if (err instanceof NotRegularFileError) throw new RunError('corrupt', dir, err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      throw new RunError('corrupt', dir, `${RUN_JSON} cannot be read (${code ?? errorMessage(err)})`);
    throw new RunError('missing', dir, `no ${RUN_JSON} (not a run folder, or one whose writing was interrupted)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RunError('corrupt', dir, `${RUN_JSON} is not valid JSON (${errorMessage(err)})`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== RUN_VERSION) {
    throw new RunError('version', dir, `${RUN_JSON} has format version ${version}, this app reads version ${RUN_VERSION}`);
  }
  const parsed = runRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RunError('corrupt', dir, `${RUN_JSON}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Checks that a run folder is complete and consistent, without building models: a valid record and, for both
 * models, a readable `model.json` whose weights file has the size its manifest says.
 * @throws RunError naming what is wrong.
 */
export async function checkRun(dir: string): Promise<RunRecord> {
  const record = await readRunRecord(dir);
  // An imported PyTorch run holds ONNX graphs, checked by their digests (onnxruntime loads them, not TF.js).
  if (isOnnxRun(record)) {
    await readOnnxGraphs(dir, record);
    return record;
  }
  if (isEmbeddingsRun(record)) {
    await readEmbeddingsRun(dir, record);
    return record;
  }
  const parts: ('encoder' | 'decoder' | typeof LOGVAR_DIR)[] = ['encoder', 'decoder'];
  if (await hasLogVarHead(dir, record)) parts.push(LOGVAR_DIR);
  for (const part of parts) {
    try {
      await readModelArtifacts(join(dir, part), record.checksums?.[part]);
    } catch (err) {
      throw new RunError('corrupt', dir, `${part}: ${errorMessage(err)}`);
    }
  }
  return record;
}

/** Whether the run keeps a VAE variance head: its record lists one, or (no checksums recorded) the folder exists. */
async function hasLogVarHead(dir: string, record: RunRecord): Promise<boolean> {
  if (record.checksums?.logvar) return true;
  return stat(join(dir, LOGVAR_DIR)).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Loads a VAE run's variance head (`logvar/`: image -> log sigma^2 of q(z|x)), checked against the record's
 * checksums and the run's latent size; null when the run has none (not a VAE, or saved before heads were kept).
 * The caller owns (and disposes) the model.
 * @throws RunError `corrupt` when the head is there but damaged or of the wrong shape.
 */
export async function loadLogVarHead(dir: string, record: RunRecord): Promise<LayersModel | null> {
  if (!(await hasLogVarHead(dir, record))) return null;
  let head: LayersModel | null = null;
  try {
    head = await loadModelFiles(join(dir, LOGVAR_DIR), record.checksums?.logvar);
    const inShape = head.inputs[0]?.shape ?? [];
    const outShape = head.outputs[0]?.shape ?? [];
    if (head.inputs.length !== 1 || size(inShape) !== PIXELS) throw new Error(`it takes [${inShape.join(', ')}], not ${PIXELS} pixels`);
    if (head.outputs.length !== 1 || size(outShape) !== record.config.latent)
      throw new Error(`it gives [${outShape.join(', ')}], the run's latent size is ${record.config.latent}`);
    return head;
  } catch (err) {
    head?.dispose();
    throw new RunError('corrupt', dir, `${LOGVAR_DIR}: ${errorMessage(err)}`);
  }
}

/** A loaded run: its record and its stock encoder and decoder, ready for inference. */
export interface LoadedRun {
  record: RunRecord;
  encoder: LayersModel;
  decoder: LayersModel;
}

/**
 * Loads a run folder. The caller owns (and disposes) the two models.
 * @throws RunError when the folder is missing, incomplete or corrupt; nothing is left allocated then.
 */
export async function loadRun(dir: string): Promise<LoadedRun> {
  const record = await checkRun(dir);
  if (isOnnxRun(record)) throw new RunError('corrupt', dir, 'an imported ONNX run has no TF.js models (open it with the ONNX runtime)');
  if (isEmbeddingsRun(record)) throw new RunError('corrupt', dir, 'an embeddings run has codes only, no models');
  let encoder: LayersModel | null = null;
  let decoder: LayersModel | null = null;
  try {
    encoder = await loadModelFiles(join(dir, 'encoder'), record.checksums?.encoder);
    decoder = await loadModelFiles(join(dir, 'decoder'), record.checksums?.decoder);
    const mismatch = shapeMismatch(encoder, decoder, record.config.latent) ?? probeProblem(encoder, decoder, record.config.latent);
    if (mismatch) throw new Error(mismatch);
    return { record, encoder, decoder };
  } catch (err) {
    encoder?.dispose();
    decoder?.dispose();
    throw new RunError('corrupt', dir, `models do not load: ${errorMessage(err)}`);
  }
}

const PIXELS = IMAGE_PIXELS;
const size = (shape: readonly (number | null)[]) => shape.slice(1).reduce<number>((n, d) => n * (d ?? NaN), 1);

/** Why the models cannot run (a blank image through the encoder, a zero code through the decoder), or null. */
function probeProblem(encoder: LayersModel, decoder: LayersModel, latent: number): string | null {
  let outputs: tf.Tensor[] = [];
  try {
    // tidy disposes the inputs, and everything else should predict throw; only the outputs come back.
    outputs = tf.tidy(() => {
      const inShape = [1, ...encoder.inputs[0]!.shape.slice(1).map((d) => d ?? 1)];
      return [encoder.predict(tf.zeros(inShape)), decoder.predict(tf.zeros([1, latent]))].flat();
    });
    const values = outputs.map((t) => t.dataSync());
    return values.every((v) => v.every(Number.isFinite)) ? null : 'the models give non-finite outputs';
  } catch (err) {
    return `the models do not run: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`;
  } finally {
    tf.dispose(outputs);
  }
}

/**
 * Why the two models do not make this run's autoencoder (784 pixels in, `latent` numbers between, 784 out), or
 * null when they do. A run whose files load but describe another model must not be explored as this one.
 */
export function shapeMismatch(encoder: LayersModel, decoder: LayersModel, latent: number): string | null {
  const encIn = encoder.inputs[0]?.shape ?? [];
  const encOut = encoder.outputs[0]?.shape ?? [];
  const decIn = decoder.inputs[0]?.shape ?? [];
  const decOut = decoder.outputs[0]?.shape ?? [];
  if (encoder.inputs.length !== 1 || size(encIn) !== PIXELS) return `the encoder takes [${encIn.join(', ')}], not ${PIXELS} pixels`;
  if (encOut.at(-1) !== latent || size(encOut) !== latent)
    return `the encoder gives [${encOut.join(', ')}], the run's latent size is ${latent}`;
  if (decoder.inputs.length !== 1 || size(decIn) !== latent)
    return `the decoder takes [${decIn.join(', ')}], the run's latent size is ${latent}`;
  if (decoder.outputs.length !== 1 || size(decOut) !== PIXELS) return `the decoder gives [${decOut.join(', ')}], not ${PIXELS} pixels`;
  return null;
}

/** Whether a run folder holds a resumable training state (checkpoints do). */
export async function hasTrainState(dir: string): Promise<boolean> {
  return stat(join(dir, STATE_DIR)).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
