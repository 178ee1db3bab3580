/**
 * Entry of a matrix-product probe thread (scaling.ts): the dense step's products, run in a loop for a set time
 * once every probe thread is ready, so that one thread's rate can be compared with several threads' at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../model/backend.js';
import { errorMessage } from '../../pure/errors.js';
import { DENSE_STEP_PRODUCTS, type ProbeInit, type FromProbe } from './protocol.js';

async function main(): Promise<void> {
  const port = parentPort!;
  const post = (m: FromProbe) => port.postMessage(m);
  const init = workerData as ProbeInit;
  try {
    await initBackend({ prefer: init.backend });
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
    const control = new Int32Array(init.control);
    post({ type: 'ready' });
    while (Atomics.load(control, 0) === 0) Atomics.wait(control, 0, 0);
    const t0 = performance.now();
    let rounds = 0;
    while (performance.now() - t0 < init.seconds * 1000) {
      round();
      rounds += 1;
    }
    post({ type: 'rate', roundsPerSecond: (rounds * 1000) / (performance.now() - t0) });
  } catch (err) {
    post({ type: 'fatal', message: errorMessage(err) });
  }
}

void main();
