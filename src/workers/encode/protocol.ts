/** Messages between `EncodePool` and its inference worker thread. */
import type { BackendName } from '../../model/backend.js';

/** `workerData` of the encode worker. */
export interface EncodeWorkerInit {
  backend: BackendName;
}

/** A model as the worker rebuilds it: Keras topology JSON and float32 weights in `model.weights` order. */
export interface ModelMessage {
  type: 'model';
  modelId: number;
  topology: object;
  weights: Float32Array[];
}

/** Encode `count` images (`count * 784` bytes, shared or transferred) with model `modelId`. */
export interface EncodeMessage {
  type: 'encode';
  jobId: number;
  modelId: number;
  images: Uint8Array;
  count: number;
  batchSize: number;
}

/** Drop a cached model (its tensors). */
export interface ForgetMessage {
  type: 'forget';
  modelId: number;
}

export type ToEncodeWorker = ModelMessage | EncodeMessage | ForgetMessage;

export type FromEncodeWorker =
  | { type: 'ready'; backend: BackendName }
  | { type: 'fatal'; message: string }
  | { type: 'codes'; jobId: number; codes: Float32Array }
  | { type: 'error'; jobId: number; message: string };
