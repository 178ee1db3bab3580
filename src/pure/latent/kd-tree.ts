/**
 * A static k-d tree over `n` points of dimension `d` for exact k-nearest-neighbour queries (squared Euclidean).
 * Built by median splits on the widest dimension; points are stored in tree order so leaves scan contiguous memory.
 */
const LEAF = 12;

export class KdTree {
  readonly n: number;
  readonly d: number;
  /** Original index of the point at each tree position. */
  private readonly order: Int32Array;
  /** Coordinates in tree order (`n * d`). */
  private readonly coords: Float32Array;
  /** Split dimension of the internal node whose median sits at each position. */
  private readonly splitDim: Uint8Array;

  /** @param points `n * d` floats, row-major; copied, never mutated. */
  constructor(points: ArrayLike<number>, n: number, d: number) {
    if (points.length < n * d) throw new RangeError(`need ${n * d} coordinates, got ${points.length}`);
    this.n = n;
    this.d = d;
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.splitDim = new Uint8Array(n);
    const src = Float32Array.from({ length: n * d }, (_, i) => points[i]!);
    this.build(src, 0, n);
    this.coords = new Float32Array(n * d);
    for (let i = 0; i < n; i++) this.coords.set(src.subarray(this.order[i]! * d, this.order[i]! * d + d), i * d);
  }

  private build(src: Float32Array, lo: number, hi: number): void {
    if (hi - lo <= LEAF) return;
    const { d, order } = this;
    let dim = 0;
    let widest = -1;
    for (let t = 0; t < d; t++) {
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = src[order[i]! * d + t]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > widest) {
        widest = max - min;
        dim = t;
      }
    }
    const mid = (lo + hi) >> 1;
    this.select(src, lo, hi - 1, mid, dim);
    this.splitDim[mid] = dim;
    this.build(src, lo, mid);
    this.build(src, mid + 1, hi);
  }

  /** Hoare quickselect on order[lo..hi] so that order[k] holds the median along `dim`. */
  private select(src: Float32Array, lo: number, hi: number, k: number, dim: number): void {
    const { d, order } = this;
    while (hi > lo) {
      const pivot = src[order[(lo + hi) >> 1]! * d + dim]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (src[order[i]! * d + dim]! < pivot) i++;
        while (src[order[j]! * d + dim]! > pivot) j--;
        if (i <= j) {
          const tmp = order[i]!;
          order[i] = order[j]!;
          order[j] = tmp;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else return;
    }
  }

  /**
   * The `k` nearest points to `query` (`d` values).
   * @returns original indices, nearest first (fewer than k only if the tree has fewer points).
   */
  nearest(query: ArrayLike<number>, k: number): Int32Array {
    const best = new Int32Array(k).fill(-1);
    const dist = new Float64Array(k).fill(Infinity);
    const q = Float64Array.from({ length: this.d }, (_, t) => query[t]!);
    this.search(q, 0, this.n, best, dist, k);
    let found = k;
    while (found > 0 && best[found - 1] === -1) found--;
    const out = new Int32Array(found);
    for (let i = 0; i < found; i++) out[i] = this.order[best[i]!]!;
    return out;
  }

  private consider(q: Float64Array, pos: number, best: Int32Array, dist: Float64Array, k: number): void {
    const { d, coords } = this;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = coords[pos * d + t]! - q[t]!;
      s += diff * diff;
    }
    if (s >= dist[k - 1]!) return;
    let i = k - 1;
    while (i > 0 && dist[i - 1]! > s) {
      dist[i] = dist[i - 1]!;
      best[i] = best[i - 1]!;
      i--;
    }
    dist[i] = s;
    best[i] = pos;
  }

  private search(q: Float64Array, lo: number, hi: number, best: Int32Array, dist: Float64Array, k: number): void {
    if (hi - lo <= LEAF) {
      for (let pos = lo; pos < hi; pos++) this.consider(q, pos, best, dist, k);
      return;
    }
    const mid = (lo + hi) >> 1;
    const dim = this.splitDim[mid]!;
    const diff = q[dim]! - this.coords[mid * this.d + dim]!;
    this.consider(q, mid, best, dist, k);
    if (diff < 0) {
      this.search(q, lo, mid, best, dist, k);
      if (diff * diff < dist[k - 1]!) this.search(q, mid + 1, hi, best, dist, k);
    } else {
      this.search(q, mid + 1, hi, best, dist, k);
      if (diff * diff < dist[k - 1]!) this.search(q, lo, mid, best, dist, k);
    }
  }
}
