import { describe, expect, it } from 'vitest';
import { isPackagedPath, trainWorkerEntry } from '../../../electron/worker-path.js';
import { TRAIN_WORKER_ENV } from '../../../src/workers/train/client.js';

describe('training worker entry', () => {
  const packaged = '/opt/Latent Explorer/resources/app.asar/dist/electron/train-worker.cjs';
  const packagedWin = 'C:\\Program Files\\Latent Explorer\\resources\\app.asar\\dist\\electron\\train-worker.cjs';
  const dev = '/home/me/latent-explorer/dist/electron/train-worker.cjs';

  it('an installed app ignores an inherited variable pointing at a development worker', () => {
    const env = { [TRAIN_WORKER_ENV]: '/home/me/other/src/workers/train/bootstrap.mjs' };
    expect(trainWorkerEntry(env, packaged)).toBe(packaged);
    expect(trainWorkerEntry(env, packagedWin)).toBe(packagedWin);
  });

  it('a development build honours the variable, else runs the bundled worker', () => {
    expect(trainWorkerEntry({ [TRAIN_WORKER_ENV]: '/x/worker.cjs' }, dev)).toBe('/x/worker.cjs');
    expect(trainWorkerEntry({}, dev)).toBe(dev);
    expect(isPackagedPath(dev)).toBe(false);
    expect(isPackagedPath('/opt/app.asar.unpacked/x')).toBe(false);
  });
});
