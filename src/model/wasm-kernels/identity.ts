/**
 * `Identity` and same-type `Cast` for wasm that share the input's memory instead of copying it.
 *
 * While a gradient tape records, TF.js's engine keeps every tensor a kernel saves for its gradient through a
 * clone (`saveTensorsForBackwardMode`), and a clone is an `Identity`. The cpu and webgl backends answer it by
 * counting one more reference to the same data (tensorflow/tfjs#4628); TF.js 4.22's wasm kernel copies it. So
 * every training step copied the weight matrices, the activations and the batch again: 42 copies a step for the
 * default dense model, 2.9 ms of kernel time at batch 128, and an allocation for each. A `Cast` to the type a
 * tensor already has (`cast(step(x))` in the gradients of ReLU and `abs`) made 7 more. Tensors never change in
 * place (a variable's `assign` takes new data), so sharing is safe, as it is for wasm's own `Reshape`, which
 * shares the same way.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { captureStock, runStock, type Info } from './kernel-utils.js';

interface Args {
  inputs: tf.NamedTensorInfoMap;
  backend: BackendWasm;
  attrs: tf.NamedAttrMap;
}

/** `x` itself, one more reference counted on its data; strings are left to the stock kernel. */
function share(name: string, { inputs, backend, attrs }: Args): Info {
  const x = inputs.x!;
  if (x.dtype === 'string') return runStock(name, backend, inputs, attrs);
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function identity(args: Args): Info {
  return share('Identity', args);
}

function cast(args: Args): Info {
  if (args.attrs.dtype !== args.inputs.x!.dtype) return runStock('Cast', args.backend, args.inputs, args.attrs);
  return share('Cast', args);
}

function config(kernelName: string, kernelFunc: (args: Args) => Info): tf.KernelConfig {
  const original = captureStock(kernelName);
  if (!original) throw new Error(`stock wasm kernel ${kernelName} is missing`);
  return { kernelName, backendName: 'wasm', setupFunc: original.setupFunc, kernelFunc: kernelFunc as unknown as tf.KernelFunc };
}

/** The replacement configs for `Identity` and `Cast` (the stock ones are kept for strings and real casts). */
export function sharingConfigs(): tf.KernelConfig[] {
  return [config('Identity', identity), config('Cast', cast)];
}
