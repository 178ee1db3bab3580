/** A set of 28x28 grey images with their labels, stored row-major as bytes (0 = black, 255 = white). */
export interface ImageSet {
  /** `count * rows * cols` bytes. */
  readonly images: Uint8Array;
  /** `count` labels, 0..9 for digits. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/** A dataset as the app uses it: a train split and a test split of the same image shape. */
export interface Dataset {
  /** Stable identifier, e.g. `mnist`, `fashion-mnist`, `idx:<name>`. */
  readonly id: string;
  /** Human-readable name for status bars and figures. */
  readonly name: string;
  readonly train: ImageSet;
  readonly test: ImageSet;
  /** Names of the classes, index = label. */
  readonly classNames: readonly string[];
  /** Set when the dataset has labels but no images (codes imported without them): why, for the page to say. */
  readonly noImages?: string;
}
