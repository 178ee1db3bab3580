import type * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../pure/model/types.js';
import type { NoiseShard } from './noise.js';

/** The loss of a batch and the gradient of each trainable variable (or stage's kernel and bias), in their order. */
export interface LossGradients {
  value: tf.Scalar;
  grads: tf.Tensor[];
}

/**
 * A built autoencoder. Inputs everywhere are `[n, 784]` float32 in 0..1; conv models reshape inside.
 * `encoder` and `decoder` are stock-layer `tf.LayersModel`s, so they save and load with plain TF.js and serve
 * inference; training goes through `loss`, which may use extra machinery (noise, KL, tied weights, Jacobian).
 */
export interface Autoencoder {
  readonly config: ModelConfig;
  /** `[n, 784] -> [n, d]`; for a VAE the mean of q(z|x). */
  readonly encoder: tf.LayersModel;
  /** `[n, d] -> [n, 784]` in 0..1. */
  readonly decoder: tf.LayersModel;
  /** A VAE's variance head, `[n, 784] -> [n, d]`: log sigma^2 of q(z|x). Saved beside the encoder (`logvar/`). */
  readonly logVar?: tf.LayersModel;
  /** The training noise generator (denoising, VAE): its state goes into checkpoints. Absent: no randomness. */
  readonly noise?: { state: number; shard: NoiseShard | null };
  /** Variables the optimizer updates. */
  readonly trainableVariables: tf.Variable[];
  /** Training (or evaluation) loss of a batch, as a scalar: reconstruction + regularisers. */
  loss(x: tf.Tensor2D, training: boolean): tf.Scalar;
  /**
   * The training loss of a batch and its gradient for each of `trainableVariables`, in their order, computed by hand
   * (dense models). Absent where a gradient tape takes it from `loss` (see `lossAndGradients`).
   */
  gradient?(x: tf.Tensor2D): LossGradients;
  /** Makes `encoder`/`decoder` reflect the latest trained weights (e.g. copies tied weights). Cheap; call before inference. */
  sync(): void;
  dispose(): void;
}
