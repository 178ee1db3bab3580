/**
 * TF.js LayersModels as files: `model.json` (standard layers-model format) + one `weights.bin`, written and read
 * through custom `tf.io` handlers, because there is no `file://` handler without tfjs-node. Stock TF.js loads
 * the result (`tf.loadLayersModel('file://.../model.json')` with tfjs-node, or over HTTP).
 */
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { writeFileDurable } from './durable.js';
import { readRegularFile, refuseLinkedDir } from './safe-read.js';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { topologyProblem } from './topology.js';
import { encodeFloat16, firstNonFiniteHalf } from './float16.js';
import * as tf from '@tensorflow/tfjs';
import type { io, LayersModel } from '@tensorflow/tfjs';
import { errorMessage } from '../pure/errors.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
/** A VAE run's variance head (`z_log_var`), saved as a model beside `encoder/` and `decoder/`. */
export const LOGVAR_DIR = 'logvar';

/** Bytes per weight: every model here is float32 in memory, stored as float32 or (shipped models) float16. */
const FLOAT32_BYTES = 4;
const FLOAT16_BYTES = 2;

/**
 * How weights are stored: `float32` as trained, or `float16`, TF.js's half-precision weight quantisation (half
 * the bytes; stock TF.js dequantises on load). Used for the models shipped with the app.
 */
export type WeightStorage = 'float32' | 'float16';

/** Writes `model` into the existing folder `dir`. */
export async function saveModelFiles(model: LayersModel, dir: string, storage: WeightStorage = 'float32'): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const raw = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const specs = artifacts.weightSpecs ?? [];
      if (specs.some((s) => s.dtype !== 'float32')) throw new Error('only float32 weights can be saved');
      const half = storage === 'float16';
      const json: io.ModelJSON = {
        modelTopology: artifacts.modelTopology!,
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        weightsManifest: [
          { paths: [WEIGHTS_BIN], weights: half ? specs.map((s) => ({ ...s, quantization: { dtype: 'float16' as const } })) : specs },
        ],
      };
      await writeFileDurable(join(dir, WEIGHTS_BIN), half ? encodeFloat16(new Float32Array(raw)) : new Uint8Array(raw));
      await writeFileDurable(join(dir, MODEL_JSON), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
}

/** The part of `model.json` we rely on, checked before any of it is used. */
const modelJsonSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  weightsManifest: z
    .array(
      z.object({
        // The weights live beside model.json under one fixed name: a manifest never sends us elsewhere on disk.
        paths: z.tuple([z.literal(WEIGHTS_BIN)]),
        weights: z.array(
          z.object({
            name: z.string().min(1),
            shape: z
              .array(
                z
                  .number()
                  .int()
                  .nonnegative()
                  .max(1 << 24),
              )
              .max(6),
            dtype: z.literal('float32'),
            quantization: z
              .object({ dtype: z.literal('float16') })
              .strict()
              .optional(),
          }),
        ),
      }),
    )
    .length(1),
});

/** SHA-256 of a model file, hex: recorded in run.json at save time and checked at every load. */
export function fileDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Expected {@link fileDigest}s of a model's two files. */
export interface ModelDigests {
  model: string;
  weights: string;
}

/**
 * Reads and checks `model.json` and `weights.bin` of `dir` without building the model.
 * @param digests expected {@link fileDigest}s of both files, when the run recorded them.
 * @throws Error naming the file when one is missing, a symlink, not JSON, not a single-file float32 layers model,
 * when the weights size disagrees with the manifest, a weight is not finite, or the digest differs.
 */
export async function readModelArtifacts(dir: string, digests?: ModelDigests): Promise<io.ModelArtifacts> {
  await refuseLinkedDir(dir);
  let raw: unknown;
  try {
    const text = await readRegularFile(join(dir, MODEL_JSON), { maxBytes: 16 * 1024 * 1024 });
    if (digests && fileDigest(text) !== digests.model) throw new Error('it does not match the checksum recorded when it was saved');
    raw = JSON.parse(text.toString('utf8'));
  } catch (err) {
    throw new Error(`${MODEL_JSON} cannot be read: ${errorMessage(err)}`, { cause: err });
  }
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${MODEL_JSON} is not a single-file float32 layers model (${issue.path.join('.') || '(root)'}: ${issue.message})`);
  }
  const json = parsed.data;
  const problem = topologyProblem(json.modelTopology);
  if (problem) throw new Error(`${MODEL_JSON} describes a model this app does not build: ${problem}`);
  const specs = json.weightsManifest[0]!.weights;
  // One storage per file: float16 for all weights or for none, so the finiteness check below reads one format.
  const half = specs.length > 0 && specs.every((s) => s.quantization?.dtype === 'float16');
  if (!half && specs.some((s) => s.quantization)) throw new Error(`${MODEL_JSON} mixes float16 and float32 weights`);
  const bytesPer = half ? FLOAT16_BYTES : FLOAT32_BYTES;
  const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * bytesPer, 0);
  const weightsPath = join(dir, WEIGHTS_BIN);
  const bytes = await readRegularFile(weightsPath, { maxBytes: expected });
  const size = bytes.byteLength;
  if (size !== expected) throw new Error(`${WEIGHTS_BIN} has ${size} bytes, the manifest needs ${expected}`);
  if (digests && fileDigest(bytes) !== digests.weights)
    throw new Error(`${WEIGHTS_BIN} does not match the checksum recorded when it was saved`);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const bad = half ? firstNonFiniteHalf(new Uint8Array(weightData)) : firstNonFinite(new Float32Array(weightData));
  if (bad >= 0) throw new Error(`${WEIGHTS_BIN} holds a value that is not a finite number (at ${bad})`);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? null,
    weightSpecs: specs,
    weightData,
  };
}

function firstNonFinite(values: Float32Array): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}

/** A run's files are read by fixed names; a symlink among them could point anywhere, so it is refused. */
export async function refuseSymlink(path: string): Promise<void> {
  const info = await lstat(path).catch(() => null);
  if (info?.isSymbolicLink()) throw new Error(`${basename(path)} is a symbolic link; run files must be plain files`);
}

/**
 * Loads the LayersModel saved in `dir` (checked as {@link readModelArtifacts} does). Unlike `tf.loadLayersModel`,
 * a topology that builds but does not fit its weights (a renamed layer, say) leaves no variable behind.
 */
export async function loadModelFiles(dir: string, digests?: ModelDigests): Promise<LayersModel> {
  const artifacts = await readModelArtifacts(dir, digests);
  const registered = () => tf.engine().state.registeredVariables;
  const before = new Set(Object.keys(registered()));
  // Deserialising runs synchronously inside this call (no weights manifest, so nothing is awaited first): the
  // variables that appear meanwhile are exactly this model's, even with other work going on in the process.
  const pending = tf.models.modelFromJSON({ modelTopology: artifacts.modelTopology as tf.io.ModelJSON['modelTopology'] } as never);
  const created = Object.entries(registered()).filter(([name]) => !before.has(name));
  let model: LayersModel;
  try {
    model = await pending;
  } catch (err) {
    for (const [, variable] of created) variable.dispose();
    throw err;
  }
  const weights = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
  try {
    model.loadWeights(weights, true);
    return model;
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    tf.dispose(weights);
  }
}
