/**
 * Contractive autoencoder (Rifai et al. 2011): reconstruction + `contraction * ||dz/dx||_F^2`, averaged over
 * the batch. Unlike the dense model the code layer uses the configured activation, as in the paper (a sigmoid
 * code). For a single sigmoid layer the penalty has the paper's closed form; otherwise the Jacobian is built
 * explicitly by propagating one row per latent unit back through the encoder (d times a backward pass), which
 * stays first-order, so TF.js can differentiate it on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { makeAutoencoder } from '../autoencoder.js';
import { LayerSeeds } from '../init.js';
import {
  activate,
  buildDenseDecoder,
  buildDenseEncoder,
  codeActivationOf,
  denseVariables,
  trainableOf,
  type DenseLayer,
} from '../layers.js';
import { reconstructionLoss } from '../losses.js';
import type { Activation, ModelConfig } from '../../pure/model/types.js';
import type { Autoencoder } from '../types.js';

/** The activation's derivative written in terms of its output `y = f(a)`. */
function derivativeFromOutput(activation: Activation, y: tf.Tensor): tf.Tensor {
  switch (activation) {
    case 'sigmoid':
      return tf.mul(y, tf.sub(1, y));
    case 'tanh':
      return tf.sub(1, tf.square(y));
    case 'relu':
      return tf.step(y);
    case 'linear':
      return tf.onesLike(y);
  }
}

/**
 * Encodes `x` through dense `layers` (layer k with `activations[k]`) and returns the code and the batch mean of the
 * squared Frobenius norm of the encoder Jacobian.
 * @param method `closed` needs one sigmoid layer; `auto` picks it when it applies.
 */
export function contractivePenalty(
  layers: readonly DenseLayer[],
  activations: readonly Activation[],
  x: tf.Tensor2D,
  method: 'auto' | 'closed' | 'general' = 'auto',
): { code: tf.Tensor2D; penalty: tf.Scalar } {
  const vars = layers.map(denseVariables);
  const outputs: tf.Tensor2D[] = [];
  let h: tf.Tensor2D = x;
  vars.forEach(({ kernel, bias }, k) => {
    h = activate(activations[k]!, tf.add(tf.matMul(h, kernel), bias)) as tf.Tensor2D;
    outputs.push(h);
  });
  const last = activations[vars.length - 1]!;
  const closed = vars.length === 1 && last === 'sigmoid';
  if (method === 'closed' && !closed) throw new Error('the closed form needs a single sigmoid layer');
  if (closed && method !== 'general') {
    // ||J||^2 = sum_j (h_j (1 - h_j))^2 sum_i W_ij^2
    const s2 = tf.square(derivativeFromOutput(last, h));
    const columnNorms = tf.sum(tf.square(vars[0]!.kernel), 0).reshape([-1, 1]);
    return { code: h, penalty: tf.mean(tf.matMul(s2, columnNorms)) };
  }
  const [batch] = x.shape;
  const d = h.shape[1];
  // Rows of J for every sample at once: u[b*d + j] starts as s_K[b, j] * e_j and walks back layer by layer.
  let u: tf.Tensor2D = tf.reshape(tf.mul(tf.expandDims(derivativeFromOutput(last, h), 2), tf.eye(d)), [batch * d, d]);
  for (let k = vars.length - 1; k >= 0; k--) {
    u = tf.matMul(u, vars[k]!.kernel, false, true);
    if (k > 0) {
      const width = u.shape[1];
      const s = tf.expandDims(derivativeFromOutput(activations[k - 1]!, outputs[k - 1]!), 1);
      u = tf.reshape(tf.mul(tf.reshape(u, [batch, d, width]), s), [batch * d, width]);
    }
  }
  return { code: h, penalty: tf.div(tf.sum(tf.square(u)), batch) };
}

export function buildContractive(config: ModelConfig, seed: number): Autoencoder {
  const seeds = new LayerSeeds(seed);
  const codeActivation = codeActivationOf(config);
  const enc = buildDenseEncoder(config.hidden, config.latent, config.activation, codeActivation, seeds);
  const activations = [...config.hidden.map(() => config.activation), codeActivation];
  const dec = buildDenseDecoder(config.hidden, config.latent, config.activation, 'sigmoid', seeds);
  return makeAutoencoder({
    config,
    encoder: enc.model,
    decoder: dec.model,
    extra: [dec.preOutput],
    trainableVariables: trainableOf(enc.model, dec.model),
    loss(x, training) {
      const { code, penalty } = contractivePenalty(enc.layers, activations, x);
      const recon = reconstructionLoss(config.loss, 'sigmoid', x, dec.preOutput.apply(code, { training }) as tf.Tensor);
      return tf.add(recon, tf.mul(penalty, config.contraction));
    },
  });
}
