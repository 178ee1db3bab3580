/** The architectures the app can build and train. */
export const ARCHS = ['dense', 'conv', 'denoising', 'vae', 'tied', 'linear', 'contractive'] as const;
export type Arch = (typeof ARCHS)[number];

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const LOSSES = ['bce', 'mse'] as const;
export type LossKind = (typeof LOSSES)[number];

export const NOISE_KINDS = ['dropout', 'gaussian'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** Dense-family architectures: one dense code layer, which may be larger than the input (over-complete). */
export const DENSE_FAMILY: readonly Arch[] = ['dense', 'denoising', 'tied', 'linear', 'contractive'];
/** Largest code of a dense-family model: over-complete codes (more units than the 784 pixels) are allowed. */
export const MAX_DENSE_LATENT = 1024;
/** Largest code of the other architectures (convolutional, VAE). */
export const MAX_LATENT = 64;

/** Everything needed to build a model; stored verbatim in `run.json`. */
export interface ModelConfig {
  arch: Arch;
  /** Latent size d (1..64; dense family 1..1024). */
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
  noise: {
    kind: NoiseKind;
    /** dropout: probability a pixel is zeroed; gaussian: std dev on 0..1 pixels. */
    level: number;
    /**
     * dropout only: kept pixels are multiplied by 1/(1 - level), as a Keras `Dropout` layer on the input does,
     * so a masked image keeps the clean image's mean. Absent: no rescale (the masking noise of Vincent et al.).
     */
    rescale?: boolean;
  };
  /** VAE: weight of the KL term (beta-VAE). */
  beta: number;
  /** Contractive AE: weight of the squared Frobenius norm of the encoder Jacobian. */
  contraction: number;
}
