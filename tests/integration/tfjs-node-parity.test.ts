/**
 * tfjs-node (the native backend) trains and decodes like wasm: the same seeded training and decode on both give
 * the same losses and images within PARITY_TOLERANCE. tfjs-node does not install on the development machines
 * (its libtensorflow download fails), so there the tfjs-node half is skipped with a message; the release workflow
 * sets LATENT_EXPLORER_REQUIRE_TFJS_NODE=1, where a missing tfjs-node fails it. The wasm-vs-cpu half runs everywhere:
 * it shows the tolerance is met by two independent kernel sets here.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, trainAndDecode, withinTolerance, PARITY_TOLERANCE, type ParityRun } from '../../src/bench/backend-parity.js';
import { loadMnist } from '../../src/data/mnist.js';
import { switchBackend } from '../../src/model/backend.js';
import type { ImageSet } from '../../src/pure/data/types.js';

const required = process.env.LATENT_EXPLORER_REQUIRE_TFJS_NODE === '1';
let tfjsNodeError: string | null = null;
try {
  createRequire(import.meta.url)('@tensorflow/tfjs-node');
} catch (err) {
  tfjsNodeError = err instanceof Error ? err.message.split('\n')[0]! : String(err);
}
if (tfjsNodeError && !required) {
  console.log(`tfjs-node parity: SKIPPED, @tensorflow/tfjs-node does not load here (${tfjsNodeError}); the release workflow requires it`);
}

let data: { train: ImageSet; test: ImageSet };
let wasm: ParityRun;
beforeAll(async () => {
  data = await loadMnist();
  wasm = await trainAndDecode('wasm', data);
});
afterAll(async () => {
  await switchBackend('wasm');
});

describe('backend parity', () => {
  it('wasm and cpu agree within the tolerance (the tolerance is reachable by two kernel sets)', async () => {
    const cpu = await trainAndDecode('cpu', data);
    const diff = compareRuns(wasm, cpu);
    console.log(`wasm vs cpu: ${JSON.stringify(diff)}`);
    expect(withinTolerance(diff), JSON.stringify(diff)).toBe(true);
    // The runs learned something (not two blank outputs agreeing).
    expect(wasm.testLoss[0]).toBeLessThan(0.3);
  });

  (tfjsNodeError && !required ? it.skip : it)(
    `tfjs-node trains and decodes like wasm (${tfjsNodeError && !required ? `skipped: tfjs-node does not load here: ${tfjsNodeError}` : 'required'})`,
    async () => {
      if (tfjsNodeError) throw new Error(`LATENT_EXPLORER_REQUIRE_TFJS_NODE=1 but @tensorflow/tfjs-node does not load: ${tfjsNodeError}`);
      const native = await trainAndDecode('tfjs-node', data);
      const diff = compareRuns(wasm, native);
      console.log(`wasm vs tfjs-node: ${JSON.stringify(diff)} (tolerance ${JSON.stringify(PARITY_TOLERANCE)})`);
      expect(withinTolerance(diff), JSON.stringify(diff)).toBe(true);
    },
  );
});
