/**
 * Adam's own state, kept in a checkpoint so that a resumed training takes exactly the steps the uninterrupted one
 * would: the step count, the running products beta1^t and beta2^t (stored as the float32s the optimizer holds:
 * recomputing them with pow() on restore differs in the last bits) and both moment estimates of every variable.
 */
import * as tf from '@tensorflow/tfjs';

/** What TF.js keeps private in its AdamOptimizer and we need to read and restore bit for bit. */
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  iterations_: number;
}

export interface OptimizerState {
  /** Steps taken. */
  iterations: number;
  /** beta1^(t+1), beta2^(t+1) as the optimizer holds them. */
  accBeta1: number;
  accBeta2: number;
  /** First moments then second moments, one array per trainable variable (in `trainableVariables` order). */
  moments: Float32Array[];
}

function internals(optimizer: tf.Optimizer): AdamInternals {
  const adam = optimizer as unknown as Partial<AdamInternals>;
  if (!(adam.accBeta1 instanceof tf.Variable) || !(adam.accBeta2 instanceof tf.Variable))
    throw new Error(`checkpoints keep Adam's state; ${optimizer.getClassName()} is not supported`);
  return adam as AdamInternals;
}

/** A copy of the optimizer's state (no tensor is kept). Before the first step it has no moments. */
export async function captureOptimizerState(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const adam = internals(optimizer);
  const weights = await optimizer.getWeights();
  const [iterations, ...moments] = weights;
  try {
    return {
      iterations: (await iterations!.tensor.data())[0]!,
      accBeta1: adam.accBeta1.dataSync()[0]!,
      accBeta2: adam.accBeta2.dataSync()[0]!,
      moments: moments.map((m) => Float32Array.from(m.tensor.dataSync() as Float32Array)),
    };
  } finally {
    iterations?.tensor.dispose();
  }
}

/** Puts `state` into a fresh optimizer for `variables` (the moments must fit their shapes). */
export async function restoreOptimizerState(
  optimizer: tf.Optimizer,
  variables: readonly tf.Variable[],
  state: OptimizerState,
): Promise<void> {
  const adam = internals(optimizer);
  if (state.moments.length === 0) return;
  if (state.moments.length !== 2 * variables.length)
    throw new Error(`the saved optimizer state has ${state.moments.length / 2} variables, the model ${variables.length}`);
  const tensors = state.moments.map((values, i) => {
    const v = variables[i % variables.length]!;
    if (values.length !== v.size)
      throw new Error(`the saved optimizer state does not fit variable ${i % variables.length} ${v.shape.join('x')}`);
    return tf.tensor(values, v.shape, 'float32');
  });
  const named: { name: string; tensor: tf.Tensor }[] = [
    { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') },
    ...tensors.map((tensor, i) => ({ name: `${variables[i % variables.length]!.name}/${i < variables.length ? 'm' : 'v'}`, tensor })),
  ];
  try {
    await optimizer.setWeights(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
  tf.tidy(() => {
    adam.accBeta1.assign(tf.scalar(state.accBeta1));
    adam.accBeta2.assign(tf.scalar(state.accBeta2));
  });
}
