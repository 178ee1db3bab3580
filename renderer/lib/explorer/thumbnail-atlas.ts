/**
 * Level of detail: zoomed in far enough, points become their own digits. Images arrive lazily through
 * `api.images` (one request per batch of missing ones) into an atlas: one byte buffer of 28x28 slots, so the
 * scatter blends a thumbnail straight from it into its frame. When the atlas is full it starts over.
 */
import { IMAGE_PIXELS } from '../../../src/pure/api/api.js';

export class ThumbnailAtlas {
  /** `capacity * 784` grey bytes. */
  readonly pixels: Uint8Array;
  readonly #slots = new Map<number, number>();
  readonly #loading = new Set<number>();
  #next = 0;
  #generation = 0;

  /**
   * @param fetchImages - resolves to `indices.length * 784` grey bytes
   * @param onLoaded - called when new thumbnails are ready to draw
   * @param capacity - images kept (20k = 15.7 MB)
   */
  constructor(
    private readonly fetchImages: (indices: Uint32Array<ArrayBuffer>) => Promise<Uint8Array>,
    private readonly onLoaded: () => void,
    readonly capacity = 20_000,
  ) {
    this.pixels = new Uint8Array(capacity * IMAGE_PIXELS);
  }

  /** Byte offset of `index`'s image in `pixels`, or -1 while not loaded. */
  offset(index: number): number {
    const s = this.#slots.get(index);
    return s === undefined ? -1 : s * IMAGE_PIXELS;
  }

  /** Forget every image (another run or dataset). */
  clear(): void {
    this.#slots.clear();
    this.#loading.clear();
    this.#next = 0;
    this.#generation++;
  }

  /** Fetch the images of `indices` not yet in the atlas, in one request. */
  request(indices: Uint32Array<ArrayBuffer>): void {
    const missing = indices.filter((i) => !this.#slots.has(i) && !this.#loading.has(i));
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
          const slot = this.#next++;
          this.pixels.set(bytes.subarray(n * IMAGE_PIXELS, (n + 1) * IMAGE_PIXELS), slot * IMAGE_PIXELS);
          this.#slots.set(idx, slot);
        });
        this.onLoaded();
      },
      () => missing.forEach((i) => this.#loading.delete(i)),
    );
  }
}
