/**
 * Adam over a flat range of the parameters, in plain JS on shared memory: the threads of a data-parallel
 * training average the shares' gradients and update the parameters chunk by chunk, so the update (a tenth of
 * a dense step when one thread runs TF.js's Adam, ten kernels per variable) is split like the gradient is.
 *
 * It computes in float64 and stores float32, and multiplies by the bias corrections' reciprocals where TF.js
 * divides: a step here equals TF.js's on the same gradient up to float32 rounding
 * (tests/unit/workers/parallel-adam.test.ts). Rounding every operation as TF.js does gave its bits exactly,
 * but its three divisions per value made this step a fifth of a two-thread dense step.
 */
import { shareOf } from './shares.js';

const f = Math.fround;

/** TF.js's Adam defaults (`tf.train.adam(rate)`). */
export const ADAM = { beta1: 0.9, beta2: 0.999 } as const;

/** The per-step numbers every thread uses, as the float32 scalars TF.js would make of them. */
export interface AdamStep {
  learningRate: number;
  /** 1 - beta1^t and 1 - beta2^t, from the optimizer's float32 running products. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  /** The backend's epsilon (1e-7 for float32 backends). */
  epsilon: number;
}

/** The running products after a step: `acc * beta`, rounded as the float32 variables TF.js keeps them in. */
export const nextAccBeta = (accBeta1: number, accBeta2: number) => ({
  accBeta1: f(accBeta1 * f(ADAM.beta1)),
  accBeta2: f(accBeta2 * f(ADAM.beta2)),
});

export interface AdamSlice {
  /** Every rank's gradient of its share, `threads * total` (rank-major). */
  gradients: Float32Array;
  /** Rows of the `n`-image batch each rank's gradient averages. */
  threads: number;
  n: number;
  weights: Float32Array;
  m: Float32Array;
  v: Float32Array;
  from: number;
  to: number;
}

/**
 * Averages the shares' gradients over `[from, to)` (each weighted by its rows, summed in rank order) and takes
 * one Adam step there, in place on `weights`, `m` and `v`.
 */
export function adamSlice(s: AdamSlice, step: AdamStep): void {
  const total = s.weights.length;
  const shares: { w: number; g: Float32Array }[] = [];
  for (let rank = 0; rank < s.threads; rank++) {
    const { start, end } = shareOf(rank, s.threads, s.n);
    if (end > start) shares.push({ w: (end - start) / s.n, g: s.gradients.subarray(rank * total, (rank + 1) * total) });
  }
  const b1 = ADAM.beta1;
  const b2 = ADAM.beta2;
  const c1 = 1 - ADAM.beta1;
  const c2 = 1 - ADAM.beta2;
  // Multiplying by reciprocals instead of dividing: a division costs as much as the rest of the step together.
  const inverse1 = 1 / step.oneMinusAccBeta1;
  const inverse2 = 1 / step.oneMinusAccBeta2;
  const { epsilon } = step;
  const rate = -step.learningRate;
  const { weights, m, v, from, to } = s;
  // Up to two shares (the usual case) are read without an inner loop; the body is written inline (a closure
  // per value doubled the time).
  const [first, second] = shares;
  const g0 = first!.g;
  const w0 = first!.w;
  const g1 = second?.g ?? g0;
  const w1 = second ? second.w : 0;
  const many = shares.length > 2;
  for (let i = from; i < to; i++) {
    let g = w0 * g0[i]! + w1 * g1[i]!;
    if (many) for (let r = 2; r < shares.length; r++) g += shares[r]!.w * shares[r]!.g[i]!;
    const mi = b1 * m[i]! + c1 * g;
    const vi = b2 * v[i]! + c2 * g * g;
    m[i] = mi;
    v[i] = vi;
    weights[i] = weights[i]! + (rate * mi * inverse1) / (Math.sqrt(vi * inverse2) + epsilon);
  }
}

/**
 * Parameters per chunk the threads claim. Small enough that the thread whose gradient came in first takes
 * the update's remainder (fixed halves left 1.5-1.8 ms of waiting at each of a dense step's two barriers), large
 * enough that a claim (one atomic add) is nothing beside its 16k updates.
 */
export const ADAM_CHUNK = 16_384;

/**
 * Takes the Adam step on chunks `claim()` hands out (chunk `c` is parameters `[c * ADAM_CHUNK, ...)`) until it
 * hands out one past the end. Each value's update depends only on its own gradients and moments, so the result
 * does not depend on which thread took which chunk.
 */
export function adamClaimed(s: Omit<AdamSlice, 'from' | 'to'>, step: AdamStep, claim: () => number): void {
  const total = s.weights.length;
  for (;;) {
    const from = claim() * ADAM_CHUNK;
    if (from >= total) return;
    adamSlice({ ...s, from, to: Math.min(total, from + ADAM_CHUNK) }, step);
  }
}
