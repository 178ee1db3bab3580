#!/usr/bin/env node
/**
 * Remakes the lesson pack, `assets/lessons/<id>/`: every model of LESSON_PACK (src/pure/model/presets.ts),
 * trained by the project's own `train` command from its recorded preset and seed, weights stored as float16.
 * Then writes `assets/lessons/pack.md`, the table of test losses and 5-NN accuracies the README quotes.
 *
 *   node scripts/make-lesson-pack.mjs                 # the whole pack, one model after another
 *   node scripts/make-lesson-pack.mjs denoising conv  # only these models (the table covers all present)
 *   node scripts/make-lesson-pack.mjs --table         # only rewrite the table
 *
 * Models train one at a time on the wasm backend; on a busy 2-core machine the pack takes tens of minutes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'assets', 'lessons');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

const list = spawnSync(
  tsx,
  ['-e', "import('./src/pure/model/presets.ts').then((m) => console.log(JSON.stringify(m.LESSON_PACK.map((p) => p.id))))"],
  { cwd: root, encoding: 'utf8' },
);
if (list.status !== 0) throw new Error(`cannot read LESSON_PACK: ${list.stderr}`);
const all = JSON.parse(list.stdout.trim().split('\n').at(-1));
const tableOnly = process.argv.includes('--table');
const wanted = process.argv.slice(2).filter((a) => a !== '--table');
for (const id of wanted) if (!all.includes(id)) throw new Error(`unknown pack model '${id}' (known: ${all.join(', ')})`);

for (const id of tableOnly ? [] : wanted.length ? wanted : all) {
  console.log(`== lesson-${id}`);
  const args = [
    'src/cli.ts',
    'train',
    '--preset',
    `lesson-${id}`,
    '--out',
    join(out, id),
    '--weights',
    'float16',
    '--backend',
    'wasm',
    '--quiet',
    // Remaking the pack replaces its runs.
    '--overwrite',
  ];
  const run = spawnSync(tsx, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`training lesson-${id} failed (exit ${run.status})`);
}

const rows = all
  .filter(
    (id) => existsSync(join(out, id, 'run.json')) && JSON.parse(readFileSync(join(out, id, 'run.json'), 'utf8')).status === 'complete',
  )
  .map((id) => {
    const r = JSON.parse(readFileSync(join(out, id, 'run.json'), 'utf8'));
    const c = r.config;
    const shape = c.arch === 'conv' ? `filters ${c.filters.join('-')}` : [784, ...c.hidden, c.latent].join('-');
    const noise = c.arch === 'denoising' ? `, ${c.noise.kind} ${c.noise.level}${c.noise.rescale ? ' rescaled' : ''}` : '';
    return `| \`${id}\` | ${r.name} | ${c.arch} ${shape}, ${c.activation}, ${c.loss.toUpperCase()}${noise} | ${c.limit ?? 60000} x ${c.epochs} | ${r.metrics.testLoss?.toFixed(4) ?? 'n/a'} | ${r.metrics.knn?.toFixed(3) ?? 'n/a'} |`;
  });
writeFileSync(
  join(out, 'pack.md'),
  ['| model | name | architecture | images x epochs | test loss | 5-NN |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n') +
    '\n',
);
console.log(readFileSync(join(out, 'pack.md'), 'utf8'));
