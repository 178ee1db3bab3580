/** Responses of the figure requests (compare runs, training replay), shared by the engine and the page. */

/** A run's loss history, for figures that compare runs. */
export interface RunHistory {
  id: string;
  name: string;
  /** The run's loss function, e.g. `bce`. */
  loss: string;
  /** Epochs the run was configured for. */
  epochs: number;
  history: { epoch: number; loss: number | null; testLoss: number | null }[];
}

/** A run's training replay: the plane codes of a fixed test sample after every recorded epoch. */
export interface ReplayData extends RunHistory {
  /** Recorded epochs (0 = before training). */
  recorded: number[];
  /** `recorded.length * n * 2` floats: epoch k's codes at `[k * n * 2, (k + 1) * n * 2)`, interleaved x, y. */
  xy: Float32Array;
  /** Class of each of the n sampled test images. */
  labels: Uint8Array;
  /** Codes of d > 2 projected on each epoch's first two principal components. */
  projected: boolean;
  latent: number;
}
