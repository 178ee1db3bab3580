/**
 * `latent-explorer figures --run X --out dir`: every figure of a run in one go (scatter, grid, interpolation,
 * reconstructions, loss, kernels, denoising where the run was trained on noisy inputs, and the animations:
 * interpolation, walk, training replay where recorded), with an index.html showing each with its caption and the
 * command that remakes it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import type { FigureKind, FigureRequest } from '../pure/figures/kinds.js';
import { esc } from '../pure/figures/svg.js';
import { errorMessage } from '../pure/errors.js';

const help = `Usage: latent-explorer figures --run <run dir> --out <folder> [--scale <1|2|4>] [--no-animations]

Writes every figure of the run into <folder> as PNG (and the animations as GIF), plus index.html showing each
with its caption and the command that remakes it. Denoising is drawn for runs trained on corrupted inputs; the
training replay for runs that recorded one.`;

interface Entry {
  file: string;
  caption: string;
  command: string;
}

const CAPTIONS: Record<FigureKind, string> = {
  scatter: 'The test set in the latent plane, one dot per image coloured by class.',
  grid: 'What the decoder draws across the latent plane: a 20 x 20 grid of decoded points.',
  interpolation: 'Ten steps between two test images: the decoded latent path over the pixel cross-fade.',
  reconstructions: 'Ten test images over their reconstructions, with the reconstruction error of each.',
  loss: 'Train and test loss per epoch.',
  kernels: "The first layer's weights, one tile per unit.",
  denoising: 'Corrupted inputs, what the denoising autoencoder makes of them, and the clean originals.',
};

function quote(arg: string): string {
  return /^[\w./:=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

async function run(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: { run: { type: 'string' }, out: { type: 'string' }, scale: { type: 'string' }, 'no-animations': { type: 'boolean' } },
    }).values;
  } catch (err) {
    console.error(`latent-explorer figures: ${errorMessage(err)}\nRun \`latent-explorer figures --help\`.`);
    return 2;
  }
  const runDir = values.run;
  const out = values.out;
  const scale = Number(values.scale ?? '2') as 1 | 2 | 4;
  if (!runDir || !out || ![1, 2, 4].includes(scale)) {
    console.error('latent-explorer figures: --run <run dir> and --out <folder> are required; --scale is 1, 2 or 4');
    return 2;
  }
  const { readRunRecord, loadRun } = await import('../runs/index.js');
  const { renderRunFigure, renderRunLossSvg } = await import('./figure-data.js');
  const { rasterizeSvg } = await import('../png/rasterize.js');
  const { initBackend } = await import('../model/backend.js');
  const { runDatasetIndex } = await import('./run-data.js');
  const entries: Entry[] = [];
  try {
    const record = await readRunRecord(runDir);
    await mkdir(out, { recursive: true });
    await initBackend();
    const data = await runDatasetIndex(runDir, record.dataset);
    const loaded = await loadRun(runDir);
    const kinds: FigureKind[] = ['scatter', 'grid', 'interpolation', 'reconstructions', 'loss', 'kernels'];
    if (record.config.noise.level > 0) kinds.push('denoising');
    try {
      for (const kind of kinds) {
        const req: FigureRequest = {
          kind,
          from: data.trainCount,
          to: data.trainCount + 1,
          steps: 10,
          grid: 20,
          points: 10_000,
          tone: 'mnist',
          size: '16:9',
        };
        let svg: string;
        try {
          svg = kind === 'loss' ? renderRunLossSvg(record, req) : renderRunFigure(loaded, data, req);
        } catch (err) {
          console.error(`figures: ${kind} skipped: ${errorMessage(err)}`);
          continue;
        }
        await writeFile(join(out, `${kind}.png`), rasterizeSvg(svg, { scale }).png);
        entries.push({
          file: `${kind}.png`,
          caption: CAPTIONS[kind],
          command: `latent-explorer figure ${kind} --run ${quote(runDir)} --scale ${scale} --out ${kind}.png`,
        });
      }
    } finally {
      loaded.encoder.dispose();
      loaded.decoder.dispose();
    }
    if (!values['no-animations']) {
      const { animationSource, parseAnimateArgs, renderGif } = await import('./animate.js');
      const { NoReplayError } = await import('../runs/replay.js');
      const animations: [string, string[]][] = [
        ['interpolation-anim.gif', ['interpolation', '--run', runDir, '--from', 'test:0', '--to', 'test:1', '--frames', '10', '--map']],
        ['walk.gif', ['walk', '--run', runDir, '--through', '0,6,8,3', '--frames', '16']],
        ['replay.gif', ['replay', '--run', runDir]],
      ];
      for (const [file, argvA] of animations) {
        const args = parseAnimateArgs([...argvA, '--out', file]);
        try {
          const source = await animationSource(args);
          await writeFile(join(out, file), await renderGif(source, args));
          entries.push({ file, caption: source.caption, command: `latent-explorer animate ${argvA.map(quote).join(' ')} --out ${file}` });
        } catch (err) {
          if (!(err instanceof NoReplayError)) throw err;
          console.log(`figures: no replay (${err.message})`);
        }
      }
    }
    await writeFile(join(out, 'index.html'), indexHtml(record.name || record.id, runDir, entries));
  } catch (err) {
    console.error(`latent-explorer figures: ${errorMessage(err)}`);
    return 1;
  }
  console.log(`wrote ${entries.length} figures and index.html to ${out}`);
  return 0;
}

export function indexHtml(name: string, runDir: string, entries: readonly Entry[]): string {
  const items = entries
    .map(
      (e) => `<figure>
  <img src="${esc(e.file)}" alt="${esc(e.caption)}">
  <figcaption>${esc(e.caption)}<br><code>${esc(e.command)}</code></figcaption>
</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Figures of ${esc(name)}</title>
<style>
body { font-family: Inter, Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1000px; color: #1f1f1f; }
figure { margin: 0 0 2.5rem; }
img { max-width: 100%; border: 1px solid #e6e6e6; }
figcaption { margin-top: .4rem; color: #5f5f5f; }
code { font-size: .85em; color: #1f1f1f; }
</style>
</head>
<body>
<h1>Figures of ${esc(name)}</h1>
<p>Run folder <code>${esc(runDir)}</code>. Each figure can be remade with the command under it.</p>
${items}
</body>
</html>
`;
}

export const command: Command = {
  summary: 'Write every figure of a run (stills and animations) into a folder with an index.html',
  help,
  run,
};
