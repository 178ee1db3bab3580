/**
 * A small digit classifier (two strided convolutions, one hidden dense layer, softmax over the classes):
 * ~106k weights, 0.4 MB as float32. It labels what a decoder draws, for the lab's classifier view.
 */
import * as tf from '@tensorflow/tfjs';
import { LayerSeeds } from './init.js';

export function buildClassifier(classes: number, seed: number): tf.Sequential {
  const seeds = new LayerSeeds(seed);
  const model = tf.sequential({ name: 'classifier' });
  model.add(tf.layers.reshape({ targetShape: [28, 28, 1], inputShape: [784] }));
  // Strided convolutions instead of pooling: a seventh of the work, which matters on the wasm backend.
  model.add(
    tf.layers.conv2d({ filters: 16, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: seeds.glorot() }),
  );
  model.add(
    tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: seeds.glorot() }),
  );
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: seeds.glorot() }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: seeds.glorot() }));
  return model;
}
