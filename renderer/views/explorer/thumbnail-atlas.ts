/**
 * Level of detail: zoomed in far enough, points become their own digits. Images arrive lazily through
 * `api.images` and are kept tinted in their class colour in one atlas canvas of 28x28 cells, so drawing a
 * thumbnail is one `drawImage` from the atlas; when the atlas is full it starts over.
 */
import { classColorRgb } from '../../../src/figures/palette.js';
import { tintedDigit, SIDE } from './images.js';

const CELLS_PER_ROW = 64;

export class ThumbnailAtlas {
  readonly canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #cells = new Map<number, number>();
  readonly #loading = new Set<number>();
  #next = 0;
  #generation = 0;

  /**
   * @param fetchImages - resolves to `indices.length * 784` grey bytes
   * @param onLoaded - called when new thumbnails are ready to draw
   */
  constructor(
    private readonly fetchImages: (indices: Uint32Array<ArrayBuffer>) => Promise<Uint8Array>,
    private readonly onLoaded: () => void,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = this.canvas.height = CELLS_PER_ROW * SIDE;
    this.#ctx = this.canvas.getContext('2d')!;
  }

  get capacity(): number {
    return CELLS_PER_ROW * CELLS_PER_ROW;
  }

  /** Source rectangle origin of `index` in the atlas, or null while not loaded. */
  cell(index: number): [number, number] | null {
    const c = this.#cells.get(index);
    return c === undefined ? null : [(c % CELLS_PER_ROW) * SIDE, Math.floor(c / CELLS_PER_ROW) * SIDE];
  }

  /** Forget every image (the embedding changed to another dataset or run). */
  clear(): void {
    this.#cells.clear();
    this.#loading.clear();
    this.#next = 0;
    this.#generation++;
    this.#ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Fetch the images of `indices` (with labels `labels`) not yet in the atlas, in one request. */
  request(indices: Uint32Array<ArrayBuffer>, labels: Uint8Array): void {
    const missing = indices.filter((i) => !this.#cells.has(i) && !this.#loading.has(i));
    if (missing.length === 0) return;
    if (this.#next + missing.length > this.capacity) this.clear();
    missing.forEach((i) => this.#loading.add(i));
    const generation = this.#generation;
    this.fetchImages(missing).then(
      (bytes) => {
        if (generation !== this.#generation) return;
        missing.forEach((idx, n) => {
          this.#loading.delete(idx);
          if (this.#next >= this.capacity) return;
          const c = this.#next++;
          const rgba = tintedDigit(bytes, n, classColorRgb(labels[idx]));
          this.#ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, SIDE, SIDE), (c % CELLS_PER_ROW) * SIDE, Math.floor(c / CELLS_PER_ROW) * SIDE);
          this.#cells.set(idx, c);
        });
        this.onLoaded();
      },
      () => missing.forEach((i) => this.#loading.delete(i)),
    );
  }
}
