/**
 * `npm run bench:parity`: the bench line for the native backend. Trains and decodes the parity model
 * (src/bench/backend-parity.ts) on wasm and on tfjs-node, and prints one line with both training times and their
 * agreement; where tfjs-node does not load it prints that instead (exit 1 under LATENT_EXPLORER_REQUIRE_TFJS_NODE=1).
 * `--json` adds the record as the last line.
 */
import { createRequire } from 'node:module';
import { compareRuns, trainAndDecode, withinTolerance } from '../../src/bench/backend-parity.js';
import { loadMnist } from '../../src/data/mnist.js';
import { initBackend } from '../../src/model/backend.js';

let missing: string | null = null;
try {
  createRequire(import.meta.url)('@tensorflow/tfjs-node');
} catch (err) {
  missing = err instanceof Error ? err.message.split('\n')[0]! : String(err);
}
await initBackend({ prefer: 'wasm' });
const data = await loadMnist();
const wasm = await trainAndDecode('wasm', data);
if (missing) {
  console.log(`backend_parity: tfjs-node not available here (${missing}); wasm parity training ${wasm.trainMs.toFixed(0)} ms`);
  process.exit(process.env.LATENT_EXPLORER_REQUIRE_TFJS_NODE === '1' ? 1 : 0);
}
const native = await trainAndDecode('tfjs-node', data);
const diff = compareRuns(wasm, native);
const ok = withinTolerance(diff);
console.log(
  `backend_parity: train 1 epoch x 1,000 images: wasm ${wasm.trainMs.toFixed(0)} ms, tfjs-node ${native.trainMs.toFixed(0)} ms; test loss rel diff ${diff.lossRel.toExponential(2)}, decode max |diff| ${diff.pixelMax} grey levels (mean ${diff.pixelMean.toFixed(3)}): ${ok ? 'within' : 'OUTSIDE'} tolerance`,
);
if (process.argv.includes('--json'))
  console.log(JSON.stringify({ wasm_train_ms: wasm.trainMs, tfjs_node_train_ms: native.trainMs, ...diff }));
process.exit(ok ? 0 : 1);
