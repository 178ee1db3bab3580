/**
 * TF.js LayersModels as files: `model.json` (standard layers-model format) + one `weights.bin`, written and read
 * through custom `tf.io` handlers, because there is no `file://` handler without tfjs-node. Stock TF.js loads
 * the result (`tf.loadLayersModel('file://.../model.json')` with tfjs-node, or over HTTP).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { io, LayersModel } from '@tensorflow/tfjs';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

const BYTES_PER: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 };

/** Writes `model` into the existing folder `dir`. */
export async function saveModelFiles(model: LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const json: io.ModelJSON = {
        modelTopology: artifacts.modelTopology!,
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
      await writeFile(join(dir, MODEL_JSON), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
}

/**
 * Reads and checks `model.json` and `weights.bin` of `dir` without building the model.
 * @throws Error naming the file when one is missing, not JSON, or the weights size disagrees with the manifest.
 */
export async function readModelArtifacts(dir: string): Promise<io.ModelArtifacts> {
  const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as io.ModelJSON;
  const manifest = json.weightsManifest;
  if (!json.modelTopology || !Array.isArray(manifest) || manifest.length !== 1 || manifest[0]!.paths.length !== 1) {
    throw new Error(`${MODEL_JSON} is not a single-file layers model`);
  }
  const specs = manifest[0]!.weights;
  const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * (BYTES_PER[s.dtype] ?? 4), 0);
  const weightsPath = join(dir, manifest[0]!.paths[0]!);
  const size = (await stat(weightsPath)).size;
  if (size !== expected) throw new Error(`${WEIGHTS_BIN} has ${size} bytes, the manifest needs ${expected}`);
  const bytes = await readFile(weightsPath);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs: specs,
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
}

/** Loads the LayersModel saved in `dir`. */
export async function loadModelFiles(dir: string): Promise<LayersModel> {
  const artifacts = await readModelArtifacts(dir);
  return tf.loadLayersModel({ load: async () => artifacts });
}
