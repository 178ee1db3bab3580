/**
 * The layering of design.md, checked on every import of the repository (rules in tests/helpers/architecture.ts):
 * folders say their runtime (src/pure/ runs anywhere, TF.js stays in the engine's model/latent/train layers, worker
 * threads in src/workers/, onnxruntime in src/onnx/), the engine's layers only import downwards, the page imports
 * only src/pure/, the shell is glue, and no import cycle exists. Each rule is also shown failing on a fixture tree.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeOnly, cycleFindings, importsOf, layerFindings, type Source } from './helpers/architecture.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sourcesUnder(dir: string, exts: string[]): Source[] {
  const out: Source[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !exts.some((e) => entry.name.endsWith(e))) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ file: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
  }
  return out;
}

const repo = [
  ...sourcesUnder('src', ['.ts', '.mts', '.mjs']),
  ...sourcesUnder('renderer', ['.ts', '.svelte']),
  ...sourcesUnder('electron', ['.ts']),
];

/** A small tree for the fixtures: paths and texts only. */
const tree = (files: Record<string, string>): Source[] => Object.entries(files).map(([file, text]) => ({ file, text }));

describe('architecture of this repository', () => {
  it('every import keeps to the folder rules', () => {
    expect(layerFindings(repo)).toEqual([]);
  });

  it('has no import cycle in src/, renderer/ or electron/', () => {
    expect(cycleFindings(repo)).toEqual([]);
  });

  it('src/ never touches DOM globals', () => {
    const dom = /\b(window|document|localStorage|sessionStorage|navigator|HTMLElement|HTMLCanvasElement|requestAnimationFrame)\s*[.[(]/;
    const bad: string[] = [];
    for (const { file, text } of repo.filter((s) => s.file.startsWith('src/') && !s.file.endsWith('.d.ts'))) {
      codeOnly(text)
        .split('\n')
        .forEach((line, i) => dom.test(line) && bad.push(`${file}:${i + 1} uses ${dom.exec(line)![1]}`));
    }
    expect(bad).toEqual([]);
  });

  it('tsconfig.pure.json typechecks exactly src/pure/', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.pure.json'), 'utf8')) as { include: string[]; files?: string[] };
    expect(config.include).toEqual(['src/pure/**/*.ts']);
    expect(config.files).toBeUndefined();
  });
});

describe('the rules, shown failing on fixtures', () => {
  it('names file:line when pure code imports Node, TF.js or engine code', () => {
    const findings = layerFindings(
      tree({
        'src/pure/maths.ts':
          "import { readFile } from 'node:fs';\nimport * as tf from '@tensorflow/tfjs';\n\nimport { run } from '../runs/run.js';\n",
        'src/runs/run.ts': 'export const run = 1;\n',
      }),
    );
    expect(findings).toEqual([
      'src/pure/maths.ts:1 imports node:fs: pure code runs in the page: no Node modules',
      'src/pure/maths.ts:2 imports @tensorflow/tfjs: TF.js stays out of pure code, file readers and the server',
      'src/pure/maths.ts:2 imports @tensorflow/tfjs: pure code may use only zod, d3, fflate, gifenc',
      'src/pure/maths.ts:4 imports ../runs/run.js: pure code imports only pure code',
      'src/pure/maths.ts:4 imports ../runs/run.js: src/pure/ is below src/runs/ in the layers',
    ]);
  });

  it('names file:line when a layer imports upwards, threads leave src/workers/, or the page reaches past src/pure/', () => {
    const findings = layerFindings(
      tree({
        'src/runs/save.ts': "import { host } from '../host/host.js';\nimport { Worker } from 'node:worker_threads';\n",
        'src/host/host.ts': 'export const host = 1;\n',
        'src/gadgets/x.ts': 'export {};\n',
        'renderer/view.ts': "import { host } from '../src/host/host.js';\nimport { api } from '../src/pure/api/api.js';\n",
        'src/pure/api/api.ts': 'export const api = 1;\n',
        'electron/preload.ts': "import { host } from '../src/host/host.js';\n",
      }),
    );
    expect(findings).toEqual([
      'src/runs/save.ts:1 imports ../host/host.js: src/runs/ is below src/host/ in the layers',
      'src/runs/save.ts:2 imports node:worker_threads: worker threads live in src/workers/',
      'src/gadgets/x.ts:1 is in a folder of src/ that has no layer (add it to ENGINE_LAYERS in tests/helpers/architecture.ts)',
      'renderer/view.ts:1 imports ../src/host/host.js: the page imports only src/pure/',
      'electron/preload.ts:1 imports ../src/host/host.js: the preload uses only electron and pure code',
    ]);
  });

  it('names every hop of an import cycle, type-only imports included', () => {
    const findings = cycleFindings(
      tree({
        'src/cli.ts': "import { train } from './commands/train.js';\n",
        'src/commands/train.ts': "\n\nimport type { Command } from '../cli.js';\nexport const train = 1;\n",
        'src/commands/codes.ts': "import { train } from './train.js';\n",
      }),
    );
    expect(findings).toEqual(['src/cli.ts:1 -> src/commands/train.ts:3 -> src/cli.ts']);
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
