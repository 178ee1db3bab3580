/**
 * What the engine answers and pushes: the records and results that cross the transports, by value. Split from
 * `api.ts` (which re-exports all of it) so the contract file stays readable. Pure module: no Node, no DOM.
 */
import type { ARCHS } from '../model/types.js';

/** Which TF.js backend the engine runs on. */
export type BackendName = 'tfjs-node' | 'wasm' | 'cpu';

export interface DatasetSummary {
  id: string;
  name: string;
  trainCount: number;
  testCount: number;
  classNames: string[];
  /** Set when the dataset has labels but no images (embeddings imported without them): why. */
  noImages?: string;
}

export interface RunSummary {
  /** Folder name inside the runs library (or `default`). */
  id: string;
  name: string;
  arch: (typeof ARCHS)[number];
  latent: number;
  dataset: string;
  /** ISO 8601. */
  createdAt: string;
  /** Test loss at the end of training (per-pixel mean of the run's loss), null if unknown. */
  testLoss: number | null;
  /** 5-NN accuracy of test codes among train codes, 0..1, null if unknown. */
  knn: number | null;
  backend: BackendName;
  durationMs: number;
  epochs: number;
  /** Set for an embeddings run: codes made elsewhere, no model (nothing to encode or decode with). */
  codesOnly?: boolean;
  /** Set for a model trained elsewhere and imported (read-only): the format it came in. */
  imported?: 'onnx' | 'tfjs-layers';
  /** Trainable parameters (weights and biases, encoder and decoder). */
  params?: number;
  /** A model shipped with the app (the default model, the lesson pack): read-only. */
  shipped?: boolean;
}

/** A training that stopped mid-way (crash, quit) and left a resumable checkpoint. `epochs` = epochs done. */
export interface CheckpointSummary extends RunSummary {
  /** Epochs the run was configured for. */
  epochsPlanned: number;
}

export interface EngineInfo {
  backend: BackendName;
  /**
   * Why the engine is not on its first-choice backend, e.g. `tfjs-node not installed` or `wasm failed: <reason>`;
   * absent when it is. The status bar shows it.
   */
  backendNote?: string;
  /** App version. */
  version: string;
  dataset: DatasetSummary;
  /** The open model, null when none could be opened. */
  run: RunSummary | null;
  /** A training in progress, if any. */
  training: TrainingState | null;
  /** The engine process's memory, for long-session checks (the soak benchmark); absent from older engines. */
  memory?: EngineMemory;
}

/** Memory of the engine process when `info` answered. */
export interface EngineMemory {
  /** Live TF.js tensors (`tf.memory().numTensors`): flat over a session unless something leaks. */
  tensors: number;
  /** Bytes held by those tensors. */
  tensorBytes: number;
  /** V8 heap in use, bytes (after a full GC when the engine runs with `--expose-gc`). */
  heapUsedBytes: number;
  /** Resident set size of the process, bytes (includes the wasm backend's memory). */
  rssBytes: number;
}

/**
 * The latent codes of every dataset image, train first then test, projected to the plane.
 * For d > 2 the plane is the codes' first two principal components (`projected` is true).
 */
export interface Embedding {
  runId: string;
  x: Float32Array;
  y: Float32Array;
  labels: Uint8Array;
  /** Images `[0, trainCount)` are the train split, the rest the test split. */
  trainCount: number;
  /** Latent size of the model. */
  dims: number;
  projected: boolean;
  /** Set for an embeddings run (codes made elsewhere): there is no model to decode with. */
  codesOnly?: boolean;
  /** Set when the run's samples have no images (embeddings imported without them): why, for hover to say. */
  noImages?: string;
}

export interface Interpolation {
  /** `steps * 784` bytes: decode of the interpolated codes, t = 0..1. */
  latent: Uint8Array;
  /** `steps * 784` bytes: pixel-space cross-fade of the two originals. */
  pixel: Uint8Array;
  /** `steps * 2` plane coordinates of the latent path, interleaved x, y. */
  path: Float32Array;
  /** Linear for plain AEs, spherical for VAEs. */
  mode: 'linear' | 'spherical';
}

export interface TrainingState {
  runId: string;
  status: 'running' | 'paused';
  epoch: number;
  epochs: number;
}

export interface TrainProgress {
  runId: string;
  kind: 'batch' | 'epoch';
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  loss: number;
  /** Only on `epoch` events. */
  testLoss?: number;
  samplesPerSec: number;
  etaSec: number;
}

export interface TrainEnd {
  runId: string;
  outcome: 'complete' | 'cancelled' | 'diverged' | 'failed';
  message?: string;
  run?: RunSummary;
}

/** A page of the first encoder layer's kernels: what each hidden unit looks for in the input. */
export interface KernelPage {
  runId: string;
  /** Name of the layer the kernels come from. */
  layer: string;
  /** `count * side * side` weights; kernel `i` (unit `offset + i`) at `[i * side * side, (i + 1) * side * side)`, row-major. */
  kernels: Float32Array;
  /** Side of one kernel image in pixels (28 for a dense layer on MNIST, the filter size for a conv layer). */
  side: number;
  /** Units (or filters) in the layer. */
  units: number;
  /** First unit of this page. */
  offset: number;
  count: number;
  /** |w| at the 99.5th percentile over the whole layer: the end of a colour scale shared by every page. */
  limit: number;
}

/** How `denoise` corrupts an image before the model sees it. */
export const CORRUPTIONS = ['none', 'dropout', 'gaussian'] as const;
export type Corruption = (typeof CORRUPTIONS)[number];
/** Grey value (0..255) a painted patch writes into the image. */
export const PATCH_GREY = 128;

export interface DenoiseResult {
  /** The 784 bytes the model was given. */
  corrupted: Uint8Array;
  /** The model's output for them. */
  output: Uint8Array;
  /** The clean dataset image. */
  original: Uint8Array;
  label: number;
  /** Mean squared error of `corrupted` against `original`, on 0..1 pixels. */
  corruptedError: number;
  /** Mean squared error of `output` against `original`, on 0..1 pixels. */
  outputError: number;
}

/** A linear (or tied) autoencoder beside PCA with as many components as the code has dimensions. */
export interface PcaComparison {
  runId: string;
  /** Code size d = number of principal components compared. */
  k: number;
  /** Principal angles between the decoder's span and the top-k PCA subspace of the pixels, degrees, smallest first. */
  angles: Float64Array;
  /** Whether every layer of the decoder is linear (the angles are then exactly about the model's output subspace). */
  linear: boolean;
  /** Fraction (0..1) of the pixel variance the k principal components explain. */
  explained: number;
  /** Test indices (API numbering) of the scatter points and strip images. */
  indices: Uint32Array;
  labels: Uint8Array;
  /** `n * 2`: each point's coordinates on the first two principal components. */
  pcaPlane: Float32Array;
  /** `n * 2`: each point's code in the model's display plane (its codes' own PCA when d > 2). */
  codePlane: Float32Array;
  /** Images of the strips: `m * 784` bytes each. */
  originals: Uint8Array;
  pcaImages: Uint8Array;
  aeImages: Uint8Array;
  /** Mean squared error (0..1 pixels) over the `n` test images, of PCA's and of the model's reconstructions. */
  pcaMse: number;
  aeMse: number;
}

/**
 * The contractive lesson's map: for each input pixel i, the mean over test images of sum_j (dz_j/dx_i)^2, the
 * squared norm of the encoder Jacobian's column i (pixels in 0..1). Its sum is the mean squared Frobenius norm
 * of the Jacobian, the quantity a contractive autoencoder's penalty keeps small.
 */
export interface SensitivityMap {
  runId: string;
  /** 784 values, row-major like an image. */
  map: Float32Array;
  /** Mean ||dz/dx||_F^2 over the images (the sum of `map`). */
  frobenius: number;
  /** Mean squared reconstruction error of the same images, on 0..1 pixels. */
  reconstruction: number;
  /** Images averaged over: the first test images of the run's dataset. */
  count: number;
}

/** Reconstruction error of many images at once, for sorting (anomalies first) and per-class statistics. */
export interface ReconstructionReport {
  runId: string;
  /** Error measure: the run's own loss unless asked otherwise. */
  metric: 'bce' | 'mse';
  /** API indices of the images (train 0..59999, test from 60000). */
  indices: Uint32Array;
  labels: Uint8Array;
  /** Per-image error, averaged over the 784 pixels. */
  errors: Float32Array;
  /** Mean error per class (NaN for a class with no image). */
  classMeans: Float32Array;
  classCounts: Uint32Array;
  /** Mean over all images. */
  mean: number;
}
