/**
 * Adam over a flat range of the parameters, in plain JS on shared memory: each thread of a data-parallel
 * training averages the shares' gradients and updates its own slice of the parameters, so the update (a tenth of
 * a dense step when one thread runs TF.js's Adam, ten kernels per variable) is split like the gradient is.
 *
 * Every operation is rounded to float32 in the order TF.js's AdamOptimizer computes it (IEEE single precision
 * gives the same bits whichever engine does +, -, *, / or sqrt), so one step here equals TF.js's step on the
 * same gradient bit for bit (tests/unit/workers/parallel-adam.test.ts).
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

/** The parameter range `[from, to)` thread `rank` of `threads` updates. */
export const sliceOf = (rank: number, threads: number, total: number) => shareOf(rank, threads, total);

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
  const weightsOf: number[] = [];
  const slots: Float32Array[] = [];
  for (let rank = 0; rank < s.threads; rank++) {
    const { start, end } = shareOf(rank, s.threads, s.n);
    if (end <= start) continue;
    weightsOf.push((end - start) / s.n);
    slots.push(s.gradients.subarray(rank * total, (rank + 1) * total));
  }
  const b1 = f(ADAM.beta1);
  const b2 = f(ADAM.beta2);
  const c1 = f(1 - ADAM.beta1);
  const c2 = f(1 - ADAM.beta2);
  const a1 = f(step.oneMinusAccBeta1);
  const a2 = f(step.oneMinusAccBeta2);
  const eps = f(step.epsilon);
  const rate = f(-step.learningRate);
  const { weights, m, v } = s;
  const single = slots.length === 1;
  for (let i = s.from; i < s.to; i++) {
    let g = single ? slots[0]![i]! : 0;
    if (!single) for (let r = 0; r < slots.length; r++) g = f(g + f(weightsOf[r]! * slots[r]![i]!));
    const mi = f(f(m[i]! * b1) + f(g * c1));
    const vi = f(f(v[i]! * b2) + f(f(g * g) * c2));
    m[i] = mi;
    v[i] = vi;
    weights[i] = f(f(f(f(mi / a1) / f(f(Math.sqrt(f(vi / a2))) + eps)) * rate) + weights[i]!);
  }
}
