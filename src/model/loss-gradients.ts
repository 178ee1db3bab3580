/** The training loss of a batch and its gradients, by hand where the model has a hand-written gradient, else by tape. */
import * as tf from '@tensorflow/tfjs';
import type { Autoencoder } from './types.js';

/** The training loss of `x` and the gradient of each of `ae.trainableVariables`, in their order (null: no dependence). */
export function lossAndGradients(ae: Autoencoder, x: tf.Tensor2D): { value: tf.Scalar; grads: (tf.Tensor | null)[] } {
  if (ae.gradient) return ae.gradient(x);
  const vars = ae.trainableVariables;
  const { value, grads } = tf.variableGrads(() => ae.loss(x, true), vars);
  return { value, grads: vars.map((v) => grads[v.name] ?? null) };
}

/** The gradients of {@link lossAndGradients} by variable name, as `Optimizer.applyGradients` takes them. */
export function namedGradients(ae: Autoencoder, grads: readonly (tf.Tensor | null)[]): tf.NamedTensorMap {
  const named: tf.NamedTensorMap = {};
  ae.trainableVariables.forEach((v, i) => {
    const g = grads[i];
    if (g) named[v.name] = g;
  });
  return named;
}
