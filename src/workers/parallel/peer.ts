/**
 * A peer thread of data-parallel training (the training worker's entry runs this when its `workerData.role` is
 * `peer`): it builds the model, loads the leader's weights from the exchange, then loops: wait for a step, write
 * its share's gradient, wait for every share, take the Adam step on the chunks of the parameters it claims, wait
 * until every chunk is done, load the new weights. The loop blocks on Atomics.wait, which costs nothing while the training is paused.
 */
import type { MessagePort } from 'node:worker_threads';
import { initBackend } from '../../model/backend.js';
import { buildAutoencoder } from '../../model/build.js';
import type { Autoencoder } from '../../model/types.js';
import { errorMessage } from '../../pure/errors.js';
import { AdamKernel, adamArrays, adamLayout } from './adam.js';
import { loadWeights, parameterLayout, shareGradient } from './gradients.js';
import { adamStepOf, CONTROL, SCALARS, type FromPeer, type PeerInit, type PeerSync } from './protocol.js';

export function runPeer(port: MessagePort, init: PeerInit): void {
  const post = (message: FromPeer) => port.postMessage(message);
  let ae: Autoencoder | null = null;
  port.on('message', (message: PeerSync) => {
    if (message.type !== 'sync' || !ae) return;
    try {
      const model = ae;
      const { total, offsets } = parameterLayout(model);
      loadWeights(model, adamArrays(init.exchange.memory, adamLayout(total, init.threads)).weights, offsets);
      post({ type: 'synced' });
      // From here on the thread only answers the control block; messages are not read any more.
      setImmediate(() => loop(init, model, post));
    } catch (err) {
      post({ type: 'fatal', message: errorMessage(err) });
    }
  });
  initBackend({ prefer: init.backend })
    .then(() => {
      ae = buildAutoencoder(init.config, 0);
      post({ type: 'ready' });
    })
    .catch((err: unknown) => post({ type: 'fatal', message: errorMessage(err) }));
}

/** Blocks until `control[slot]` reaches `target` (or the leader stops the training); false when stopped. */
function waitFor(control: Int32Array, slot: number, target: number): boolean {
  for (;;) {
    if (Atomics.load(control, CONTROL.stop)) return false;
    const now = Atomics.load(control, slot);
    if (now >= target) return true;
    Atomics.wait(control, slot, now);
  }
}

function loop(init: PeerInit, ae: Autoencoder, post: (m: FromPeer) => void): void {
  const { exchange, rank, threads } = init;
  const control = new Int32Array(exchange.control);
  const scalars = new Float64Array(exchange.scalars);
  const { offsets, total } = parameterLayout(ae);
  const layout = adamLayout(total, threads);
  const flat = adamArrays(exchange.memory, layout);
  const share = {
    ae,
    set: { images: init.images, labels: new Uint8Array(0), count: init.count, rows: init.rows, cols: init.cols },
    rank,
    threads,
    control,
    indices: new Int32Array(exchange.indices),
    slot: flat.gradient(rank),
    offsets,
    buffer: new Float32Array(Math.ceil(new Int32Array(exchange.indices).length / threads) * init.rows * init.cols),
  };
  const adam = new AdamKernel(exchange.memory, layout, rank);
  const claim = () => Atomics.add(control, CONTROL.chunk, 1);
  // The exchange is fresh and the leader starts no step before this peer said `synced`: step 0 is behind us.
  let step = 0;
  try {
    for (;;) {
      if (!waitFor(control, CONTROL.step, step + 1)) return;
      step += 1;
      scalars[SCALARS.loss + rank] = shareGradient(share);
      Atomics.add(control, CONTROL.done, 1);
      Atomics.notify(control, CONTROL.done);
      if (!waitFor(control, CONTROL.done, step * threads)) return;
      adam.claimed(Atomics.load(control, CONTROL.count), adamStepOf(scalars), claim);
      Atomics.add(control, CONTROL.applied, 1);
      Atomics.notify(control, CONTROL.applied);
      if (!waitFor(control, CONTROL.applied, step * threads)) return;
      loadWeights(ae, flat.weights, offsets);
    }
  } catch (err) {
    post({ type: 'fatal', message: `training thread ${rank}: ${errorMessage(err)}` });
  }
}
