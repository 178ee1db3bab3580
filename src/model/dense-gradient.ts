/**
 * The training loss of a dense autoencoder and its gradient, by hand: forward through the layers, then back, with
 * no gradient tape. For the default model the tape's gradient of the same loss runs 136 kernels a step (42 clones
 * of saved tensors, 27 reshapes, the loss's gradient term by term) where this one runs 69, and the tape's
 * bookkeeping is JS each thread pays for every share of a data-parallel step whatever its size. The two agree to
 * float32 rounding (tests/unit/model/dense-gradient.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation, LossKind } from '../pure/model/types.js';
import { activate } from './layers.js';
import type { LossGradients } from './types.js';
import { withFreshWeights } from './wasm-kernels/index.js';

/** One dense layer of the chain: `activation(x @ kernel + bias)`. */
export interface DenseStage {
  kernel: tf.Variable;
  bias: tf.Variable;
  activation: Activation;
}

/** `dL/dz` of a layer from `dL/dh`, given its output `h = activation(z)` (the derivatives TF.js's own gradients take). */
function throughActivation(activation: Activation, g: tf.Tensor, h: tf.Tensor): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.mul(g, tf.step(h));
    case 'tanh':
      return tf.mul(g, tf.sub(1, tf.square(h)));
    case 'sigmoid':
      return tf.mul(tf.mul(g, h), tf.sub(1, h));
    case 'linear':
      return g;
  }
}

function forwardStage({ kernel, bias, activation }: DenseStage, x: tf.Tensor2D): tf.Tensor2D {
  return activate(activation, tf.fused.matMul({ a: x, b: kernel as tf.Tensor2D, bias })) as tf.Tensor2D;
}

/**
 * The mean per-pixel `loss` of reconstructing `target` from `input` through `stages`, the last of which gives the
 * logits of a sigmoid output (so `stages.at(-1).activation` must be linear), and its gradient.
 */
export function denseLossGradients(stages: readonly DenseStage[], loss: LossKind, input: tf.Tensor2D, target: tf.Tensor2D): LossGradients {
  if (stages.length === 0 || stages.at(-1)!.activation !== 'linear') throw new Error('denseLossGradients: the last stage must give logits');
  return tf.tidy(() => {
    // Every stage's output, the input first: each stage's kernel gradient needs its input, each activation's its output.
    const outputs: tf.Tensor2D[] = [input];
    withFreshWeights(() => {
      for (const stage of stages) outputs.push(forwardStage(stage, outputs.at(-1)!));
    });
    const logits = outputs.at(-1)!;
    const scale = 1 / logits.size;
    let value: tf.Scalar;
    let g: tf.Tensor;
    if (loss === 'bce') {
      // `step(l) - x - sign(l) sigmoid(-|l|)`, not the shorter `sigmoid(l) - x`, which cancels for a saturated pixel
      // of value 1 (as the tape's sum of the three terms does): sigmoid(l) rounds to 1 from l ~ 17 on, and the
      // gradient to 0 where it is a small, steady -sigmoid(-l), the kind Adam, dividing by its size, takes in full.
      const small = tf.sigmoid(tf.neg(tf.abs(logits)));
      g = tf.mul(tf.sub(tf.sub(tf.step(logits), target), tf.mul(tf.step(logits, -1), small)), scale);
      // bceFromLogits's `softplus(-|l|)` as `-log(1 - sigmoid(-|l|))`, that sigmoid being at hand: wasm's Softplus
      // took 3.6 ms at batch 128, Sub and Log 1.1.
      value = tf.mean(tf.sub(tf.sub(tf.relu(logits), tf.mul(logits, target)), tf.log(tf.sub(1, small))));
    } else {
      const p = tf.sigmoid(logits);
      const diff = tf.sub(p, target);
      value = tf.mean(tf.square(diff));
      g = tf.mul(tf.mul(tf.mul(diff, 2 * scale), p), tf.sub(1, p));
    }
    const grads: tf.Tensor[] = new Array<tf.Tensor>(2 * stages.length);
    for (let i = stages.length - 1; i >= 0; i--) {
      grads[2 * i] = tf.matMul(outputs[i]!, g as tf.Tensor2D, true, false);
      grads[2 * i + 1] = tf.sum(g, 0);
      if (i > 0)
        g = throughActivation(
          stages[i - 1]!.activation,
          tf.matMul(g as tf.Tensor2D, stages[i]!.kernel as tf.Tensor2D, false, true),
          outputs[i]!,
        );
    }
    return { value, grads };
  });
}
