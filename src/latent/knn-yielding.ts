/**
 * The run's 5-NN score, computed by test chunks with a yield between them: for a 30-D latent the k-d tree
 * degrades to a near-linear scan (~55 s for 10,000 x 60,000 random codes on one core), and the engine must keep
 * answering the UI meanwhile. The result is exactly `knnAccuracy` over all test codes.
 */
import { knnAccuracy } from '../pure/latent/knn.js';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Test codes per chunk: a chunk costs about one tree build (~50 ms) plus its queries. */
export function knnChunk(d: number): number {
  return d <= 4 ? 10_000 : d <= 12 ? 2_000 : 250;
}

/** 5-NN accuracy of `testCodes` among `trainCodes` (row-major, `d` per row), 0..1. */
export async function knnAccuracyYielding(
  trainCodes: Float32Array,
  trainLabels: Uint8Array,
  testCodes: Float32Array,
  testLabels: Uint8Array,
  d: number,
): Promise<number> {
  const n = testLabels.length;
  const chunk = knnChunk(d);
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    const acc = knnAccuracy(trainCodes, trainLabels, testCodes.subarray(start * d, end * d), testLabels.subarray(start, end), d);
    correct += Math.round(acc * (end - start));
    await yieldToEventLoop();
  }
  return correct / n;
}
