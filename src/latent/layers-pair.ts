/**
 * A TF.js Layers encoder/decoder pair made elsewhere: what the TensorFlow.js converter writes from a Keras model
 * (`model.json` + weight shards), loaded from bytes with stock TF.js and checked to make an autoencoder of
 * 28x28 images.
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS } from '../pure/data/image.js';
import { detectLayout, shapeText, type InputLayout } from '../pure/import/convention.js';
import { errorMessage } from '../pure/errors.js';

export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** A pair that cannot be this app's encoder and decoder; the message names expected and found shapes. */
export class PairShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PairShapeError';
  }
}

const base = (name: string) => name.split(/[\\/]/).pop()!;

/** Loads one Layers model from its `model.json` and the weight shards it names, among `files`. */
export async function loadLayersFromFiles(files: NamedFile[], part: string): Promise<tf.LayersModel> {
  const jsonFile = files.find((f) => base(f.name).endsWith('.json'));
  if (!jsonFile) throw new Error(`the ${part} has no model.json among its files (${files.map((f) => f.name).join(', ')})`);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonFile.bytes)) as tf.io.ModelJSON;
  } catch (err) {
    throw new Error(`the ${part}'s ${base(jsonFile.name)} is not JSON: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest))
    throw new Error(`the ${part}'s ${base(jsonFile.name)} is not a TF.js Layers model (no modelTopology or weightsManifest)`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const shards: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const path of group.paths) {
      const shard = files.find((f) => base(f.name) === base(path));
      if (!shard) throw new Error(`the ${part}'s model.json names the weight file ${base(path)}, which was not given`);
      shards.push(shard.bytes);
    }
  }
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of shards) {
    weightData.set(s, at);
    at += s.length;
  }
  try {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: weightData.buffer }),
    );
    // Keras writes Sequential models; the app stores functional ones (the same layers, one graph format to vet).
    return model instanceof tf.Sequential ? tf.model({ inputs: model.inputs, outputs: model.outputs, name: model.name }) : model;
  } catch (err) {
    throw new Error(`the ${part} does not load in TF.js: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`, {
      cause: err,
    });
  }
}

const width = (shape: (number | null)[]) => shape.slice(1).reduce<number | null>((n, d) => (n === null || d === null ? null : n * d), 1);

/** The layout and latent size of a Layers pair. @throws PairShapeError naming expected and found shapes. */
export function checkLayersPair(
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  layout?: InputLayout,
): { layout: InputLayout; dims: number } {
  if (encoder.inputs.length !== 1 || encoder.outputs.length !== 1)
    throw new PairShapeError('the encoder must have one input and one output');
  if (decoder.inputs.length !== 1 || decoder.outputs.length !== 1)
    throw new PairShapeError('the decoder must have one input and one output');
  const encIn = encoder.inputs[0]!.shape;
  const encOut = encoder.outputs[0]!.shape;
  const decIn = decoder.inputs[0]!.shape;
  const decOut = decoder.outputs[0]!.shape;
  const found = detectLayout(encIn);
  if (!found) throw new PairShapeError(`the encoder takes ${shapeText(encIn)}; expected [n, 784], [n, 28, 28, 1] or [n, 1, 28, 28]`);
  if (layout && layout !== found)
    throw new PairShapeError(`the encoder takes ${shapeText(encIn)}, not the ${layout} input the import names`);
  const dims = encOut.length === 2 ? encOut[1] : null;
  if (dims == null || dims < 1 || dims > 64)
    throw new PairShapeError(`the encoder gives ${shapeText(encOut)}; expected [n, d] with d from 1 to 64`);
  if (decIn.length !== 2 || decIn[1] !== dims)
    throw new PairShapeError(`the decoder takes ${shapeText(decIn)}; expected [n, ${dims}] (the encoder's code)`);
  if (width(decOut) !== IMAGE_PIXELS)
    throw new PairShapeError(`the decoder gives ${shapeText(decOut)}; expected [n, 784] or [n, 28, 28, 1]`);
  return { layout: found, dims };
}
