/**
 * A model's weights as plain float32 arrays and back: how weights cross between threads (the training worker's
 * snapshots to the host's live copy, the host's open model to the encode worker). One pair, used by every worker.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Copies of `model`'s weights as float32 arrays (fresh buffers, safe to transfer: a backend may hand out its
 * own storage from `dataSync`).
 */
export function snapshotWeights(model: tf.LayersModel): Float32Array[] {
  // getWeights() returns the variables' own values: read them, never dispose them.
  return model.getWeights().map((w) => new Float32Array(w.dataSync() as Float32Array));
}

/**
 * Overwrites `model`'s weights with `values` (from a model built from the same config).
 * @throws Error when the count or sizes do not match.
 */
export function applyWeights(model: tf.LayersModel, values: readonly Float32Array[]): void {
  const shapes = model.weights.map((w) => w.shape as number[]);
  if (shapes.length !== values.length) throw new Error(`weights snapshot has ${values.length} tensors, the model ${shapes.length}`);
  const tensors = shapes.map((shape, i) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (values[i]!.length !== size) throw new Error(`weights snapshot tensor ${i} has ${values[i]!.length} values, the model ${size}`);
    return tf.tensor(values[i]!, shape, 'float32');
  });
  // setWeights assigns (the variables keep a reference), so the tensors can go at once.
  model.setWeights(tensors);
  tf.dispose(tensors);
}
