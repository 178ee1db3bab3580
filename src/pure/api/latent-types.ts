/** Responses of the latent lab's requests (free paths, planes beyond 2-D, arithmetic, the VAE prior). */

/** A display plane in latent space: `code = origin + x u + y v`, and every sample's coordinates on it. */
export interface LatentPlaneView {
  runId: string;
  d: number;
  origin: Float32Array;
  u: Float32Array;
  v: Float32Array;
  /** Plane coordinates of every sample (train then test), as in `Embedding`. */
  x: Float32Array;
  y: Float32Array;
  /** Variance of the codes along each principal component, largest first (`d` entries). */
  explained: Float32Array;
  /**
   * Variance of each latent coordinate over the dataset (`d` entries): which dimensions the encoder uses
   * (Burda et al.'s active units count those above 0.01).
   */
  activity: Float32Array;
}

/** Class centroids of a run's codes (train split), and their decodes. */
export interface ClassCentroids {
  d: number;
  /** `classes * d` floats: the mean code of each class. */
  centroids: Float32Array;
  counts: Uint32Array;
  /** `classes * 784` bytes: the decode of each mean code. */
  images: Uint8Array;
}

/** A sample transformed step by step (rotated, shifted...), each step encoded: the notes' figures 5 to 9. */
export interface TransformPath {
  /** `steps * 784` bytes: the transformed inputs. */
  inputs: Uint8Array;
  /** `steps * d` floats: the code of each transformed input (`encode(transform(image, amount))`). */
  codes: Float32Array;
  /** `steps * 784` bytes: the decode of each code. */
  reconstructions: Uint8Array;
  /** `steps * 784` bytes: decodes of the straight latent path between the two end codes. */
  latent: Uint8Array;
  /** `steps * 784` bytes: pixel blend of the two end inputs. */
  pixel: Uint8Array;
}

/** Inpainting by search against its two baselines, for one masked sample. */
export interface InpaintReport {
  /** 784 bytes each: the sample, and what the encoder sees (hidden pixels black). */
  original: Uint8Array;
  masked: Uint8Array;
  /** decode(encode(masked)). */
  onePass: Uint8Array;
  /** decode(z) after the last gradient step. */
  search: Uint8Array;
  /** The training image nearest on the visible pixels, and its index. */
  nearest: Uint8Array;
  nearestIndex: number;
  /** Steps shown, their decodes (`k * 784`) and codes (`k * d`); the first is step 0, the one-pass code. */
  snapshotSteps: number[];
  snapshots: Uint8Array;
  snapshotCodes: Float32Array;
  /** Visible-pixel mean squared error (0..1 pixels) at step 0 and after each step. */
  visibleLoss: Float32Array;
  /** Mean squared error on the hidden pixels against the original. */
  hiddenError: { onePass: number; search: number; nearest: number };
}

/**
 * Why a run has no KL per dimension: `not-vae` (only a VAE has a q(z|x) variance), `no-head` (a VAE saved before
 * runs kept the variance head `logvar/`), `imported` (a model trained elsewhere), `training` (the live model of a
 * training in progress: its run is saved at the end).
 */
export type LatentKlUnavailable = 'not-vae' | 'no-head' | 'imported' | 'training';

/** A VAE's KL divergence from the prior per latent dimension, mean over the test split, in nats. */
export type LatentKl =
  | {
      available: true;
      /** `d` entries: KL_j = mean over test images of 0.5 (mu_j^2 + sigma_j^2 - log sigma_j^2 - 1), nats. */
      kl: Float32Array;
      /** Sum over dimensions, nats (the KL term of the ELBO per image). */
      total: number;
      /** Test images averaged over. */
      images: number;
    }
  | { available: false; reason: LatentKlUnavailable };
