/** The engine's memory as `info` reports it: what a long session must keep flat. */
import * as tf from '@tensorflow/tfjs';
import type { EngineMemory } from '../pure/api/api.js';

/**
 * Tensors (count and bytes), V8 heap and resident set size of this process. When Node runs with `--expose-gc`
 * (the soak benchmark starts it so) a full collection runs first, so the heap figure is live data, not garbage.
 */
export function engineMemory(): EngineMemory {
  (globalThis as { gc?: () => void }).gc?.();
  const { numTensors, numBytes } = tf.memory();
  const { heapUsed, rss } = process.memoryUsage();
  return { tensors: numTensors, tensorBytes: numBytes, heapUsedBytes: heapUsed, rssBytes: rss };
}
