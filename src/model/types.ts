import type * as tf from '@tensorflow/tfjs';

/** The architectures the app can build and train. */
export const ARCHS = ['dense', 'conv', 'denoising', 'vae', 'tied', 'linear', 'contractive'] as const;
export type Arch = (typeof ARCHS)[number];

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const LOSSES = ['bce', 'mse'] as const;
export type LossKind = (typeof LOSSES)[number];

export const NOISE_KINDS = ['dropout', 'gaussian'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** Everything needed to build a model; stored verbatim in `run.json`. */
export interface ModelConfig {
  arch: Arch;
  /** Latent size d (1..64). */
  latent: number;
  /** Hidden layer sizes of the encoder, input side first (decoder mirrors them). Dense-family only. */
  hidden: number[];
  /** Conv encoder filters per stage (stride-2 conv each), e.g. [32, 64]. Conv only. */
  filters: number[];
  activation: Activation;
  /**
   * Activation of the code layer of dense-family models (dense, denoising, tied, contractive). Default: linear,
   * except contractive, whose code uses `activation` as in Rifai et al. (e.g. the course's 784-30-784 tanh model).
   */
  codeActivation?: Activation;
  loss: LossKind;
  /** Input corruption for denoising autoencoders (applied to inputs only, training only). */
  noise: { kind: NoiseKind; /** dropout: probability a pixel is zeroed; gaussian: std dev on 0..1 pixels. */ level: number };
  /** VAE: weight of the KL term (beta-VAE). */
  beta: number;
  /** Contractive AE: weight of the squared Frobenius norm of the encoder Jacobian. */
  contraction: number;
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
  /** Variables the optimizer updates. */
  readonly trainableVariables: tf.Variable[];
  /** Training (or evaluation) loss of a batch, as a scalar: reconstruction + regularisers. */
  loss(x: tf.Tensor2D, training: boolean): tf.Scalar;
  /** Makes `encoder`/`decoder` reflect the latest trained weights (e.g. copies tied weights). Cheap; call before inference. */
  sync(): void;
  dispose(): void;
}
