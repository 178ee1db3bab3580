/**
 * Nearest-point lookup for hover and pick, on a d3-quadtree over the latent coordinates of the points shown.
 * Built in latent units, so zoom and pan never rebuild it; the tree changes only with the filter.
 */
import { quadtree, type Quadtree } from 'd3';

export class HoverIndex {
  readonly #tree: Quadtree<number>;

  /** Index the points `indices` of `xs`, `ys`. */
  constructor(xs: Float32Array, ys: Float32Array, indices: Uint32Array) {
    this.#tree = quadtree<number>()
      .x((i) => xs[i])
      .y((i) => ys[i])
      .addAll(Array.from(indices));
  }

  get size(): number {
    return this.#tree.size();
  }

  /** The dataset index of the point nearest (x, y) within `radius` latent units, or null. */
  find(x: number, y: number, radius: number): number | null {
    return this.#tree.find(x, y, radius) ?? null;
  }
}
