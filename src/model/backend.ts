/**
 * The TF.js backend, chosen once at the edge (CLI, engine host, tests/setup.ts): `tfjs-node` when its native
 * binding loads, else `wasm` (with our faster and missing kernels registered), else the pure-JS `cpu`.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import type { BackendName } from '../pure/api/api.js';
import { asarUnpacked } from '../data/asar-path.js';
import { registerWasmKernels } from './wasm-kernels/index.js';
import type * as WasmBackend from '@tensorflow/tfjs-backend-wasm';

export type { BackendName };

export interface InitBackendOptions {
  /** Backend to try first; the others follow in the default order (tfjs-node, wasm, cpu). */
  prefer?: BackendName;
  /** Called with one line per backend that failed to load, e.g. to log why tfjs-node was skipped. */
  onFallback?: (backend: BackendName, reason: string) => void;
}

const DEFAULT_ORDER: readonly BackendName[] = ['tfjs-node', 'wasm', 'cpu'];

let chosen: BackendName | null = null;
/** Backends that failed to load before the chosen one, in the order tried (for the status bar and About box). */
let fallbacks: BackendFallback[] = [];

export interface BackendFallback {
  backend: BackendName;
  reason: string;
}

// Backends are loaded with require, not import(): the engine is bundled to CommonJS, where esbuild keeps an
// import() of an external package as a real dynamic import, and Node's ESM loader inside app.asar has broken in
// several Electron releases. require goes through Electron's asar-aware CommonJS loader. (In the TypeScript
// sources under tsx, import.meta.url is the module's own URL; in the bundle build.mjs defines it as the bundle's.)
const requireFromHere = createRequire(import.meta.url);
let pending: Promise<BackendName> | null = null;

async function tryTfjsNode(): Promise<boolean> {
  // A variable specifier keeps TypeScript and bundlers from resolving the optional dependency at build time.
  const specifier = '@tensorflow/tfjs-node';
  requireFromHere(specifier);
  return tf.setBackend('tensorflow');
}

async function tryWasm(): Promise<boolean> {
  // In Node the package reads its .wasm files from its own dist/, so no network and no setWasmPaths; in an
  // installed app that dist/ is inside app.asar and the .wasm files are unpacked beside it.
  const wasm = requireFromHere('@tensorflow/tfjs-backend-wasm') as typeof WasmBackend;
  const dist = dirname(requireFromHere.resolve('@tensorflow/tfjs-backend-wasm'));
  if (asarUnpacked(dist) !== dist) wasm.setWasmPaths(asarUnpacked(dist) + sep);
  registerWasmKernels();
  return tf.setBackend('wasm');
}

async function tryCpu(): Promise<boolean> {
  return tf.setBackend('cpu');
}

const loaders: Record<BackendName, () => Promise<boolean>> = {
  'tfjs-node': tryTfjsNode,
  wasm: tryWasm,
  cpu: tryCpu,
};

async function init(opts: InitBackendOptions): Promise<BackendName> {
  const order = opts.prefer ? [opts.prefer, ...DEFAULT_ORDER.filter((b) => b !== opts.prefer)] : DEFAULT_ORDER;
  fallbacks = [];
  const failed = (backend: BackendName, reason: string) => {
    fallbacks.push({ backend, reason });
    opts.onFallback?.(backend, reason);
  };
  for (const name of order) {
    try {
      if (await loaders[name]()) {
        await tf.ready();
        chosen = name;
        return name;
      }
      failed(name, 'setBackend returned false');
    } catch (err) {
      failed(name, err instanceof Error ? err.message.split('\n')[0]! : String(err));
    }
  }
  throw new Error('No TF.js backend could be initialised (tried ' + order.join(', ') + ').');
}

/**
 * Chooses and initialises the TF.js backend: `prefer` first, then tfjs-node, wasm, cpu.
 * Idempotent: later calls resolve to the backend already chosen (use {@link switchBackend} to change it).
 * @returns the backend that now runs every op.
 */
export function initBackend(opts: InitBackendOptions = {}): Promise<BackendName> {
  if (chosen) return Promise.resolve(chosen);
  pending ??= init(opts).finally(() => {
    pending = null;
  });
  return pending;
}

/**
 * Switches to another backend for a while (the bench measures cpu against wasm in one run).
 * Tensors made on the previous backend must not be used afterwards: weights are moved lazily by TF.js,
 * but models are best rebuilt. Returns the backend now running.
 */
export async function switchBackend(name: BackendName): Promise<BackendName> {
  if (!(await loaders[name]())) throw new Error(`Backend '${name}' failed to initialise.`);
  await tf.ready();
  chosen = name;
  return name;
}

/** The backend running now, as named in the API (`'tensorflow'` is reported as `'tfjs-node'`). */
export function currentBackend(): BackendName {
  const name = tf.getBackend();
  if (name === 'tensorflow') return 'tfjs-node';
  if (name === 'wasm' || name === 'cpu') return name;
  throw new Error(`Unexpected TF.js backend '${name}': call initBackend() first.`);
}

/** The backends that failed before the one running now was chosen by {@link initBackend}, with their reasons. */
export function backendFallbacks(): readonly BackendFallback[] {
  return fallbacks;
}

/** An optional package that is simply not installed: the normal case for tfjs-node, not a fault. */
export function isNotInstalled(reason: string): boolean {
  return /^Cannot find module/.test(reason);
}

/**
 * One line on why the engine is not on its first-choice backend, e.g. `wasm failed: <reason>; running on cpu`;
 * null when nothing was skipped. The status bar shows it (a warning unless only tfjs-node was not installed).
 */
export function backendNote(): string | null {
  if (!fallbacks.length) return null;
  return fallbacks.map((f) => (isNotInstalled(f.reason) ? `${f.backend} not installed` : `${f.backend} failed: ${f.reason}`)).join('; ');
}
