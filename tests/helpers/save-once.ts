/**
 * Child process of the durability test: saves one small run to `<root>/r` and exits. Run under strace to see
 * which files and folders a save flushes: `node --import tsx tests/helpers/save-once.ts <root>`.
 */
import { join } from 'node:path';
import { initBackend } from '../../src/model/backend.js';
import { buildAutoencoder } from '../../src/model/build.js';
import { defaultTrainConfig } from '../../src/pure/model/presets.js';
import { saveRun } from '../../src/runs/index.js';

const root = process.argv[2]!;
await initBackend({ prefer: 'cpu' });
const config = defaultTrainConfig('dense', { hidden: [8], latent: 2, epochs: 1, limit: 100 });
const ae = buildAutoencoder(config, 1);
await saveRun(join(root, 'r'), ae, {
  version: 1,
  id: 'r',
  name: 'r',
  config,
  dataset: 'mnist',
  backend: 'cpu',
  history: [{ epoch: 1, loss: 0.2, testLoss: 0.2 }],
  metrics: { testLoss: 0.2, knn: null },
  createdAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
  durationMs: 1,
  status: 'checkpoint',
});
process.stdout.write('saved\n');
