/** The Dense layers of a stock TF.js model as plain arrays (for writing it in another format, e.g. ONNX). */
import type * as tf from '@tensorflow/tfjs';
import type { DenseSpec } from '../onnx/dense-onnx.js';

const ACTIVATIONS = new Set(['relu', 'tanh', 'sigmoid', 'linear']);

/** @throws Error when the model has layers other than Input and Dense, or another activation. */
export function denseSpecs(model: tf.LayersModel): DenseSpec[] {
  const out: DenseSpec[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'InputLayer') continue;
    if (kind === 'Activation') {
      // The app's models put some activations in layers of their own, after a linear Dense.
      const activation = (layer.getConfig() as { activation?: string }).activation ?? 'linear';
      const last = out.at(-1);
      if (!last || last.activation !== 'linear' || !ACTIVATIONS.has(activation))
        throw new Error(`layer ${layer.name}: activation ${activation} does not follow a linear Dense layer`);
      last.activation = activation as DenseSpec['activation'];
      continue;
    }
    if (kind !== 'Dense') throw new Error(`layer ${layer.name} is a ${kind}: only dense models can be written as ONNX here`);
    const config = layer.getConfig() as { activation?: string; units?: number; useBias?: boolean };
    const activation = config.activation ?? 'linear';
    if (!ACTIVATIONS.has(activation)) throw new Error(`layer ${layer.name} has activation ${activation}`);
    const [kernel, bias] = layer.getWeights();
    const [inputs, units] = kernel!.shape as [number, number];
    out.push({
      kernel: kernel!.dataSync() as Float32Array,
      bias: bias ? (bias.dataSync() as Float32Array) : new Float32Array(units),
      inputs,
      units,
      activation: activation as DenseSpec['activation'],
    });
  }
  return out;
}
