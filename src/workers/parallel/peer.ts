/**
 * A peer thread of data-parallel training (the training worker's entry runs this when its `workerData.role` is
 * `peer`): it builds the model, takes the leader's weights and optimizer state once, then loops: wait for a step,
 * write its share's gradient, wait for the mean, apply it. The loop blocks on Atomics.wait, which costs nothing
 * while the training is paused or between epochs.
 */
import * as tf from '@tensorflow/tfjs';
import type { MessagePort } from 'node:worker_threads';
import { initBackend } from '../../model/backend.js';
import { buildAutoencoder } from '../../model/build.js';
import type { Autoencoder } from '../../model/types.js';
import { errorMessage } from '../../pure/errors.js';
import { restoreOptimizerState } from '../../runs/optimizer-state.js';
import { applyMean, parameterLayout, shareGradient } from './gradients.js';
import { CONTROL, type FromPeer, type PeerInit, type PeerSync } from './protocol.js';

export function runPeer(port: MessagePort, init: PeerInit): void {
  const post = (message: FromPeer) => port.postMessage(message);
  let ae: Autoencoder | null = null;
  let optimizer: tf.Optimizer | null = null;
  port.on('message', (message: PeerSync) => {
    if (message.type !== 'sync' || !ae) return;
    void sync(ae, message).then(
      (opt) => {
        optimizer = opt;
        post({ type: 'synced' });
        // From here on the thread only answers the control block; messages are not read any more.
        setImmediate(() => loop(init, ae!, optimizer!, post));
      },
      (err: unknown) => post({ type: 'fatal', message: errorMessage(err) }),
    );
  });
  initBackend({ prefer: init.backend })
    .then(() => {
      ae = buildAutoencoder(init.config, 0);
      post({ type: 'ready' });
    })
    .catch((err: unknown) => post({ type: 'fatal', message: errorMessage(err) }));
}

async function sync(ae: Autoencoder, message: PeerSync): Promise<tf.Optimizer> {
  const vars = ae.trainableVariables;
  if (message.weights.length !== vars.length)
    throw new Error(`the leader has ${message.weights.length} variables, this peer ${vars.length}`);
  vars.forEach((v, i) => {
    const values = message.weights[i]!;
    if (values.length !== v.size) throw new Error(`variable ${i} has ${values.length} values at the leader, ${v.size} here`);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape, 'float32')));
  });
  const optimizer = tf.train.adam(1e-3);
  if (message.optimizer) await restoreOptimizerState(optimizer, vars, message.optimizer);
  return optimizer;
}

function loop(init: PeerInit, ae: Autoencoder, optimizer: tf.Optimizer, post: (m: FromPeer) => void): void {
  const { exchange, rank, threads } = init;
  const control = new Int32Array(exchange.control);
  const scalars = new Float64Array(exchange.scalars);
  const { offsets, total } = parameterLayout(ae);
  const context = {
    ae,
    set: { images: init.images, labels: new Uint8Array(0), count: init.count, rows: init.rows, cols: init.cols },
    rank,
    threads,
    control,
    indices: new Int32Array(exchange.indices),
    slot: new Float32Array(exchange.gradients, rank * total * 4, total),
    offsets,
    buffer: new Float32Array(Math.ceil(new Int32Array(exchange.indices).length / threads) * init.rows * init.cols),
  };
  const mean = new Float32Array(exchange.mean);
  // The exchange is fresh and the leader starts no step before this peer said `synced`: both counters are 0.
  let step = 0;
  let meanSeen = 0;
  try {
    for (;;) {
      Atomics.wait(control, CONTROL.step, step);
      if (Atomics.load(control, CONTROL.stop)) return;
      step = Atomics.load(control, CONTROL.step);
      // Read before `done`: once every share is in, the leader may already write the next step's scalars.
      const rate = scalars[0]!;
      scalars[1 + rank] = shareGradient(context);
      Atomics.add(control, CONTROL.done, 1);
      Atomics.notify(control, CONTROL.done);
      Atomics.wait(control, CONTROL.mean, meanSeen);
      if (Atomics.load(control, CONTROL.stop)) return;
      meanSeen = Atomics.load(control, CONTROL.mean);
      applyMean(ae, optimizer, mean, offsets, rate);
    }
  } catch (err) {
    post({ type: 'fatal', message: `training thread ${rank}: ${errorMessage(err)}` });
  }
}
