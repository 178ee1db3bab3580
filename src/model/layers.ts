/**
 * The pieces every dense-family architecture shares: seeded dense layers, a dense encoder and a mirrored
 * decoder, each a stock `tf.LayersModel`, plus the "pre-output" decoder used by losses (logits for a sigmoid
 * head, the unclipped output for a linear one), which shares its layers and weights with the stock decoder.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs';
import { type LayerSeeds } from './init.js';
import type { Activation } from '../pure/model/types.js';
import { IMAGE_PIXELS } from '../pure/data/image.js';

/** Pixels of one 28x28 image, the width of every model's input and output. */
export const PIXELS = IMAGE_PIXELS;

/**
 * How the decoder turns its last dense layer into pixels: `sigmoid` (every non-linear model) or `clip` to
 * 0..1 (the linear model, whose training target is the raw linear output so that it stays a PCA-like fit).
 */
export type OutputHead = 'sigmoid' | 'clip';

export type DenseLayer = ReturnType<typeof tf.layers.dense>;

/** A seeded dense layer with a zero bias. */
export function denseLayer(units: number, activation: Activation, seeds: LayerSeeds, name?: string): DenseLayer {
  return tf.layers.dense({ units, activation, kernelInitializer: seeds.glorot(), biasInitializer: 'zeros', name });
}

/** The `[kernel, bias]` variables of a dense layer. */
export function denseVariables(layer: DenseLayer): { kernel: tf.Variable; bias: tf.Variable } {
  const [kernel, bias] = layer.trainableWeights;
  if (!kernel || !bias) throw new Error(`layer ${layer.name} is not built`);
  return { kernel: kernel.read() as tf.Variable, bias: bias.read() as tf.Variable };
}

/** Applies an activation by name, as TF.js layers do. */
export function activate(activation: Activation, x: tf.Tensor): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
  }
}

export interface DenseEncoder {
  model: LayersModel;
  /** Hidden layers then the latent layer, input side first. */
  layers: DenseLayer[];
}

/** `784 -> hidden... -> d`, hidden layers with `activation`, the latent layer with `latentActivation`. */
export function buildDenseEncoder(
  hidden: readonly number[],
  latent: number,
  activation: Activation,
  latentActivation: Activation,
  seeds: LayerSeeds,
): DenseEncoder {
  const input = tf.input({ shape: [PIXELS], name: 'image' });
  const layers = hidden.map((units) => denseLayer(units, activation, seeds));
  layers.push(denseLayer(latent, latentActivation, seeds, undefined));
  let h: SymbolicTensor = input;
  for (const layer of layers) h = layer.apply(h) as SymbolicTensor;
  return { model: tf.model({ inputs: input, outputs: h, name: 'encoder' }), layers };
}

export interface DenseDecoder {
  /** Stock decoder: `[n, d] -> [n, 784]` in 0..1. */
  model: LayersModel;
  /** Same layers without the output head: logits (sigmoid head) or the unclipped output (clip head). */
  preOutput: LayersModel;
  /** Mirrored hidden layers then the 784-wide output layer, latent side first. */
  layers: DenseLayer[];
  head: OutputHead;
}

/** `d -> reversed(hidden)... -> 784 -> head`, mirroring {@link buildDenseEncoder}. */
export function buildDenseDecoder(
  hidden: readonly number[],
  latent: number,
  activation: Activation,
  head: OutputHead,
  seeds: LayerSeeds,
): DenseDecoder {
  const input = tf.input({ shape: [latent], name: 'code' });
  const layers = [...hidden].reverse().map((units) => denseLayer(units, activation, seeds));
  layers.push(denseLayer(PIXELS, 'linear', seeds));
  let h: SymbolicTensor = input;
  for (const layer of layers) h = layer.apply(h) as SymbolicTensor;
  return { ...finishDecoder(input, h, head), layers, head };
}

/** Puts the output head on a decoder's last linear tensor, giving the stock decoder and its pre-output twin. */
export function finishDecoder(
  input: SymbolicTensor,
  preOutput: SymbolicTensor,
  head: OutputHead,
): { model: LayersModel; preOutput: LayersModel } {
  const headLayer = head === 'sigmoid' ? tf.layers.activation({ activation: 'sigmoid' }) : tf.layers.reLU({ maxValue: 1 });
  const output = headLayer.apply(preOutput) as SymbolicTensor;
  return {
    model: tf.model({ inputs: input, outputs: output, name: 'decoder' }),
    preOutput: tf.model({ inputs: input, outputs: preOutput, name: 'decoder_pre_output' }),
  };
}

/** The distinct trainable variables of some models, in layer order. */
export function trainableOf(...models: LayersModel[]): tf.Variable[] {
  const seen = new Set<tf.Variable>();
  for (const model of models) for (const w of model.trainableWeights) seen.add(w.read() as tf.Variable);
  return [...seen];
}

/** The code layer's activation of a dense-family config (see `ModelConfig.codeActivation`). */
export function codeActivationOf(config: { arch: string; activation: Activation; codeActivation?: Activation }): Activation {
  return config.codeActivation ?? (config.arch === 'contractive' ? config.activation : 'linear');
}
