/**
 * Child process of the crash test: saves run `<root>/r` over and over (record name `v<N>`), printing `saved <N>`
 * after each complete save, until it is killed. Run with `node --import tsx tests/helpers/save-loop.ts <root>`.
 */
import { join } from 'node:path';
import { initBackend } from '../../src/model/backend.js';
import { buildAutoencoder } from '../../src/model/build.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import { saveRun, type RunRecord } from '../../src/runs/index.js';

const root = process.argv[2]!;
const start = Number(process.argv[3] ?? 0);
await initBackend({ prefer: 'wasm' });
// Big enough (about 1.7 MB of weights per save) that a kill lands inside a save most of the time.
const config = defaultTrainConfig('dense', { hidden: [256], latent: 2, epochs: 1, limit: 100 });
const ae = buildAutoencoder(config, 1);
for (let n = start; ; n++) {
  const record: RunRecord = {
    version: 1,
    id: 'r',
    name: `v${n}`,
    config,
    dataset: 'mnist',
    backend: 'wasm',
    history: [{ epoch: 1, loss: 0.2, testLoss: 0.2 }],
    metrics: { testLoss: 0.2, knn: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    durationMs: n,
    status: 'complete',
  };
  await saveRun(join(root, 'r'), ae, record);
  process.stdout.write(`saved ${n}\n`);
}
