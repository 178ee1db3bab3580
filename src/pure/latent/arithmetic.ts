/** Latent arithmetic: class centroids, attribute vectors (centroid a minus centroid b), analogies a - b + c. */

/**
 * Mean code of each class among `n` codes (`n * d`) labelled `labels` (first n used).
 * @returns `classes * d` floats and the count per class; a class with no member has a zero row and count 0.
 */
export function classCentroids(
  codes: Float32Array,
  labels: ArrayLike<number>,
  d: number,
  classes: number,
): { centroids: Float32Array<ArrayBuffer>; counts: Uint32Array } {
  const n = codes.length / d;
  if (labels.length < n) throw new RangeError(`${labels.length} labels for ${n} codes`);
  const sums = new Float64Array(classes * d);
  const counts = new Uint32Array(classes);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (c >= classes) continue;
    counts[c]!++;
    for (let k = 0; k < d; k++) sums[c * d + k]! += codes[i * d + k]!;
  }
  const centroids = new Float32Array(classes * d);
  for (let c = 0; c < classes; c++) if (counts[c]) for (let k = 0; k < d; k++) centroids[c * d + k] = sums[c * d + k]! / counts[c]!;
  return { centroids, counts };
}

/** Component-wise `a - b + c` (an analogy: a is to b as ? is to c; `sample + (a - b)` applies an attribute vector). */
export function analogy(a: ArrayLike<number>, b: ArrayLike<number>, c: ArrayLike<number>): Float32Array<ArrayBuffer> {
  const d = a.length;
  if (b.length !== d || c.length !== d) throw new RangeError('the codes differ in length');
  const out = new Float32Array(d);
  for (let k = 0; k < d; k++) out[k] = a[k]! - b[k]! + c[k]!;
  return out;
}

/** Row `i` of `rows` (`* d`) as a copy. */
export function row(rows: Float32Array, i: number, d: number): Float32Array<ArrayBuffer> {
  return rows.slice(i * d, (i + 1) * d);
}
