/**
 * The same small training and decode on two backends, for the tfjs-node parity test and its bench line: a dense
 * 784-64-2 autoencoder from the same seed, one epoch on the first 1,000 MNIST images, then the decode of a 5x5 grid
 * of latent points. Backends differ in kernels (XNNPACK in wasm, Eigen in TensorFlow) but not in maths, so losses
 * and images agree to rounding.
 */
import { sliceSet } from '../pure/data/batches.js';
import type { ImageSet } from '../pure/data/types.js';
import { defaultConfig } from '../pure/model/presets.js';
import { decodeCodes } from '../latent/decode-codes.js';
import { switchBackend, type BackendName } from '../model/backend.js';
import { buildAutoencoder } from '../model/build.js';
import { train } from '../train/loop.js';

export interface ParityRun {
  backend: BackendName;
  /** Test loss after each epoch. */
  testLoss: number[];
  /** The decoded 5x5 grid, 25 x 784 grey bytes. */
  decoded: Uint8Array;
  trainMs: number;
}

const GRID = Float32Array.from({ length: 50 }, (_, i) => ((i % 2 === 0 ? Math.floor(i / 2) % 5 : Math.floor(i / 10)) - 2) * 1.5);

export async function trainAndDecode(backend: BackendName, data: { train: ImageSet; test: ImageSet }): Promise<ParityRun> {
  await switchBackend(backend);
  const ae = buildAutoencoder({ ...defaultConfig('dense'), hidden: [64], latent: 2 }, 11);
  const started = performance.now();
  const result = await train(
    ae,
    { train: data.train, test: sliceSet(data.test, 500) },
    { limit: 1000, batchSize: 50, epochs: 1, learningRate: 2e-3, seed: 3 },
  );
  const trainMs = performance.now() - started;
  ae.sync();
  const decoded = decodeCodes(ae.decoder, GRID, 2);
  ae.dispose();
  if (result.outcome !== 'complete') throw new Error(`training on ${backend} ended ${result.outcome}`);
  return { backend, testLoss: result.history.map((h) => h.testLoss), decoded, trainMs };
}

export interface ParityDiff {
  /** Largest relative difference of the per-epoch test losses. */
  lossRel: number;
  /** Largest and mean absolute difference of decoded grey levels (0..255). */
  pixelMax: number;
  pixelMean: number;
}

export function compareRuns(a: ParityRun, b: ParityRun): ParityDiff {
  const lossRel = Math.max(...a.testLoss.map((l, i) => Math.abs(l - b.testLoss[i]!) / Math.abs(l)));
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.decoded.length; i++) {
    const d = Math.abs(a.decoded[i]! - b.decoded[i]!);
    max = Math.max(max, d);
    sum += d;
  }
  return { lossRel, pixelMax: max, pixelMean: sum / a.decoded.length };
}

/** The agreement required between two backends (the wasm-vs-cpu pair, measurable anywhere, is checked too). */
export const PARITY_TOLERANCE: ParityDiff = { lossRel: 0.01, pixelMax: 24, pixelMean: 1 };

export function withinTolerance(diff: ParityDiff, tol: ParityDiff = PARITY_TOLERANCE): boolean {
  return diff.lossRel <= tol.lossRel && diff.pixelMax <= tol.pixelMax && diff.pixelMean <= tol.pixelMean;
}
