/** Runs the same computation on cpu and on wasm and returns both results as plain arrays. */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** Seeded inputs as plain arrays, so both backends get identical values. */
export function seeded(shape: number[], seed: number): { shape: number[]; values: Float32Array } {
  let s = seed >>> 0 || 1;
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    values[i] = s / 2 ** 31 - 1;
  }
  return { shape, values };
}

type Fn = (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

async function runOn(backend: string, fn: Fn, inputs: { shape: number[]; values: Float32Array }[]): Promise<Float32Array[]> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    const xs = inputs.map((i) => tf.tensor(i.values, i.shape));
    const out = fn(...xs);
    const outs = Array.isArray(out) ? out : [out];
    const values = outs.map((t) => t.dataSync() as Float32Array);
    tf.dispose([...xs, ...outs]);
    return values;
  } finally {
    await tf.setBackend(previous);
  }
}

/** Asserts that `fn` gives the same values on wasm as on cpu, within float32 noise relative to the magnitude. */
export async function expectWasmMatchesCpu(fn: Fn, inputs: { shape: number[]; values: Float32Array }[], rtol = 1e-4): Promise<void> {
  const want = await runOn('cpu', fn, inputs);
  const got = await runOn('wasm', fn, inputs);
  expect(got.length).toBe(want.length);
  for (let k = 0; k < want.length; k++) {
    expect(got[k]!.length).toBe(want[k]!.length);
    let scale = 1e-6;
    for (const v of want[k]!) scale = Math.max(scale, Math.abs(v));
    let worst = 0;
    for (let i = 0; i < want[k]!.length; i++) worst = Math.max(worst, Math.abs(got[k]![i]! - want[k]![i]!));
    expect(worst / scale).toBeLessThan(rtol);
  }
}

/** Data buffers alive in the wasm backend: a kernel that forgets to free an intermediate makes this grow. */
export function wasmDataIds(): number {
  return tf.findBackend('wasm')!.numDataIds();
}
