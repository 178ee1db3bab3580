/**
 * The recipe study of issue 16 (`npm run bench:recipes`; not a test): for the default architecture
 * (784-512-128-2, sigmoid output, BCE) and several recipes (learning-rate schedule, peak rate, batch size,
 * epochs), the wall time and the epoch at which the 2-D test codes first reach a 5-NN accuracy of 0.80, training
 * on the engine's default threads (`--threads <n>` to choose). Each recipe stops at that epoch. `--json` prints one
 * JSON line last; `--only <name,...>` runs some.
 * The chosen recipe is the default preset's (src/pure/model/presets.ts); the table is in docs/performance.md.
 */
import { timeToGoodMap } from '../../src/bench/good-map.js';
import { loadMnist } from '../../src/data/mnist.js';
import { initBackend } from '../../src/model/backend.js';
import type { TrainConfig } from '../../src/pure/api/api.js';
import type { Schedule } from '../../src/pure/model/schedule.js';
import { DEFAULT_PRESET_ID, PRESETS } from '../../src/pure/model/presets.js';

interface Recipe {
  name: string;
  schedule: Schedule;
  learningRate: number;
  batchSize: number;
  epochs: number;
}

const RECIPES: Recipe[] = [
  { name: 'constant-1e-3-b128', schedule: 'constant', learningRate: 1e-3, batchSize: 128, epochs: 20 },
  { name: 'one-cycle-3e-3-b128-e8', schedule: 'one-cycle', learningRate: 3e-3, batchSize: 128, epochs: 8 },
  { name: 'one-cycle-3e-3-b128-e12', schedule: 'one-cycle', learningRate: 3e-3, batchSize: 128, epochs: 12 },
  { name: 'one-cycle-5e-3-b256-e8', schedule: 'one-cycle', learningRate: 5e-3, batchSize: 256, epochs: 8 },
  { name: 'one-cycle-1e-2-b256-e6', schedule: 'one-cycle', learningRate: 1e-2, batchSize: 256, epochs: 6 },
  { name: 'one-cycle-5e-3-b128-e5', schedule: 'one-cycle', learningRate: 5e-3, batchSize: 128, epochs: 5 },
  { name: 'cosine-3e-3-b128-e8', schedule: 'cosine', learningRate: 3e-3, batchSize: 128, epochs: 8 },
  { name: 'one-cycle-3e-3-b128-e6', schedule: 'one-cycle', learningRate: 3e-3, batchSize: 128, epochs: 6 },
  { name: 'one-cycle-2e-3-b64-e6', schedule: 'one-cycle', learningRate: 2e-3, batchSize: 64, epochs: 6 },
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(',')) : null;
const threadsAt = args.indexOf('--threads');
const threads = threadsAt >= 0 ? Number(args[threadsAt + 1]) : undefined;

const backend = await initBackend();
const dataset = await loadMnist();
const rows: Record<string, unknown>[] = [];
for (const recipe of RECIPES.filter((r) => !only || only.has(r.name))) {
  const config: TrainConfig = { ...PRESETS.find((p) => p.id === DEFAULT_PRESET_ID)!.config, ...recipe, name: recipe.name };
  console.log(`${recipe.name}: ${recipe.schedule} peak ${recipe.learningRate}, batch ${recipe.batchSize}, ${recipe.epochs} epochs`);
  const result = await timeToGoodMap(dataset, config, { threads, log: (line) => console.log(`  ${line}`) });
  rows.push({
    recipe: recipe.name,
    seconds: result.seconds === null ? null : Number(result.seconds.toFixed(1)),
    epoch: result.epoch,
    knn: result.knn.map((k) => Number(k.toFixed(4))),
    samplesPerSec: Math.round(result.samplesPerSec),
    peakRssMb: Math.round(result.peakRssMb),
  });
  console.log(
    `  -> ${result.seconds === null ? 'never' : `${result.seconds.toFixed(1)} s, epoch ${result.epoch}`} (${Math.round(result.samplesPerSec)} samples/s)`,
  );
}
console.log(`backend ${backend}`);
if (json) console.log(JSON.stringify({ backend: backend, recipes: rows }));
