/**
 * A small digit classifier (two strided convolutions, one hidden dense layer, softmax over the classes):
 * ~106k weights, 0.4 MB as float32. It labels what a decoder draws, for the lab's classifier view.
 */
import * as tf from '@tensorflow/tfjs';
import { LayerSeeds } from './init.js';

/** A functional model (the runs loader accepts functional topologies only). */
export function buildClassifier(classes: number, seed: number): tf.LayersModel {
  const seeds = new LayerSeeds(seed);
  const input = tf.input({ shape: [784], name: 'image' });
  const layers: tf.layers.Layer[] = [
    tf.layers.reshape({ targetShape: [28, 28, 1] }),
    // Strided convolutions instead of pooling: a seventh of the work, which matters on the wasm backend.
    tf.layers.conv2d({ filters: 16, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: seeds.glorot() }),
    tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: seeds.glorot() }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: seeds.glorot() }),
    tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: seeds.glorot() }),
  ];
  let h: tf.SymbolicTensor = input;
  for (const layer of layers) h = layer.apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: h, name: 'classifier' });
}

/**
 * The folder under `assets/` holding the shipped classifier of a run's dataset (by dataset id), or null when none
 * ships for it (imported sets).
 */
export function classifierFolder(dataset: string): string | null {
  return CLASSIFIER_FOLDERS[dataset] ?? null;
}

const CLASSIFIER_FOLDERS: Readonly<Record<string, string>> = {
  mnist: 'classifier-mnist',
  'fashion-mnist': 'classifier-fashion',
};
