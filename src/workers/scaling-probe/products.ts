/** The matrix-product probe: the dense step's products in a loop, as one thread of a split step runs them. */
import * as tf from '@tensorflow/tfjs';
import { DENSE_STEP_PRODUCTS } from './protocol.js';

/** Builds the operands and warms the kernels; the returned function runs the loop for `seconds`, giving rounds/s. */
export function prepareProducts(seconds: number): () => number {
  const operands = DENSE_STEP_PRODUCTS.map(([m, k, n]) => ({
    a: tf.randomUniform([m, k], -1, 1),
    // A new right operand for every product, as in training: XNNPACK packs it anew each time.
    b: new Float32Array(k * n).map((_, i) => Math.sin(i)),
    shape: [k, n] as [number, number],
  }));
  const round = () => {
    for (const { a, b, shape } of operands) {
      const right = tf.tensor2d(b, shape);
      const product = tf.matMul(a, right);
      product.dataSync();
      tf.dispose([right, product]);
    }
  };
  for (let i = 0; i < 3; i++) round();
  return () => {
    const t0 = performance.now();
    let rounds = 0;
    while (performance.now() - t0 < seconds * 1000) {
      round();
      rounds += 1;
    }
    tf.dispose(operands.map((o) => o.a));
    return (rounds * 1000) / (performance.now() - t0);
  };
}
