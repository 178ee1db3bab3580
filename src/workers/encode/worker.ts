/**
 * Entry of the encode worker thread (started by `EncodePool`, under tsx via `bootstrap.mjs`). It holds its own
 * TF.js backend (a separate wasm instance, so it runs on the second core), rebuilds each model it is sent once,
 * and encodes the image ranges it is asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../../model/backend.js';
import { encodeAll } from '../../latent/encode-all.js';
import { applyWeights } from '../weights.js';
import type { EncodeWorkerInit, FromEncodeWorker, ModelMessage, ToEncodeWorker } from './protocol.js';
import { errorMessage } from '../../pure/errors.js';

async function rebuild(message: ModelMessage): Promise<tf.LayersModel> {
  const model = await tf.models.modelFromJSON({ modelTopology: message.topology } as tf.io.ModelJSON);
  try {
    applyWeights(model, message.weights);
  } catch (err) {
    model.dispose();
    throw new Error(`model ${message.modelId}: ${errorMessage(err)}`, { cause: err });
  }
  return model;
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('the encode worker must run in a worker thread');
  const post = (message: FromEncodeWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const models = new Map<number, Promise<tf.LayersModel>>();
  // Messages are handled in arrival order: a model is always registered before the jobs that use it.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: ToEncodeWorker) => {
    queue = queue.then(async () => {
      if (message.type === 'model') {
        models.set(message.modelId, rebuild(message));
      } else if (message.type === 'forget') {
        const model = models.get(message.modelId);
        models.delete(message.modelId);
        if (model) (await model.catch(() => undefined))?.dispose();
      } else {
        try {
          const model = await models.get(message.modelId);
          if (!model) throw new Error(`unknown model ${message.modelId}`);
          const codes = encodeAll(model, message.images, message.count, { batchSize: message.batchSize });
          post({ type: 'codes', jobId: message.jobId, codes }, [codes.buffer as ArrayBuffer]);
        } catch (err) {
          post({ type: 'error', jobId: message.jobId, message: errorMessage(err) });
        }
      }
    });
  });
  const init = workerData as EncodeWorkerInit;
  initBackend({ prefer: init.backend }).then(
    (backend) => post({ type: 'ready', backend }),
    (err: unknown) => post({ type: 'fatal', message: errorMessage(err) }),
  );
}

main();
