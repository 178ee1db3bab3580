/**
 * `latent-explorer compare <loss|reconstructions> --run A --run B ...`: figures that compare runs, as SVG or PNG:
 * their loss curves overlaid, or the same test digits reconstructed by each run (rows = runs).
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { MAX_STEPS } from '../pure/api/api.js';
import { renderLossCompareSvg, renderReconstructionCompareSvg } from '../pure/figures/compare.js';
import { SIZES, type FigureSize } from '../pure/figures/style.js';
import { errorMessage } from '../pure/errors.js';

const help = `Usage: latent-explorer compare <loss|reconstructions> --run <dir> --run <dir> [...] --out <file.svg|file.png>

  loss              the runs' loss per epoch on one axis (--series test|train, default test)
  reconstructions   the same samples of the first run's dataset (--from, --steps) reconstructed by each run, one row per run

Options: --series <test|train>  --from <sample> (a sample number, test:<k> or train:<k>; default test:0)  --steps <n> (default 10)  --scale <1|2|4> (PNG, default 2)
         --size <16:9|4:3>  --title <text>
Rows and curves are named after the runs' names (else their folders).

Example: latent-explorer compare loss --run runs/dense-2d --run runs/conv-2d --title "Dense vs conv" --out loss.png`;

async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        run: { type: 'string', multiple: true },
        out: { type: 'string' },
        series: { type: 'string' },
        from: { type: 'string' },
        steps: { type: 'string' },
        scale: { type: 'string' },
        size: { type: 'string' },
        title: { type: 'string' },
      },
    });
  } catch (err) {
    console.error(`latent-explorer compare: ${errorMessage(err)}\nRun \`latent-explorer compare --help\`.`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const kind = positionals[0];
  const runs = v.run ?? [];
  const out = v.out;
  const fail = (message: string) => (console.error(`latent-explorer compare: ${message}\nRun \`latent-explorer compare --help\`.`), 2);
  if (kind !== 'loss' && kind !== 'reconstructions') return fail(`which comparison? loss or reconstructions, got '${kind ?? ''}'`);
  if (runs.length < 1) return fail('give at least one --run (usually two or more)');
  if (!out || !['.svg', '.png'].includes(extname(out).toLowerCase())) return fail('--out <file.svg|file.png> is required');
  const series = v.series ?? 'test';
  if (series !== 'test' && series !== 'train') return fail(`--series must be test or train, got '${series}'`);
  const fromText = v.from ?? 'test:0';
  const steps = Number(v.steps ?? '10');
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) return fail(`--steps must be 1..${MAX_STEPS}`);
  const scale = Number(v.scale ?? '2') as 1 | 2 | 4;
  if (![1, 2, 4].includes(scale)) return fail('--scale must be 1, 2 or 4');
  const size = (v.size ?? '16:9') as FigureSize;
  if (!(size in SIZES)) return fail(`--size must be ${Object.keys(SIZES).join(' or ')}`);
  const opts = { size, title: v.title ?? null };
  try {
    const { readRunRecord, loadRun } = await import('../runs/index.js');
    const records = await Promise.all(runs.map((r) => readRunRecord(r)));
    const names = records.map((r, k) => r.name || basename(runs[k]!));
    let svg: string;
    if (kind === 'loss') {
      const losses = new Set(records.map((r) => r.config.loss));
      svg = renderLossCompareSvg(
        records.map((r, k) => ({ name: names[k]!, history: r.history })),
        { ...opts, series, yLabel: `${series} ${losses.size === 1 ? [...losses][0]!.toUpperCase() + ' ' : ''}loss per pixel` },
      );
    } else {
      const { initBackend } = await import('../model/backend.js');
      const { runDatasetIndex } = await import('./run-data.js');
      const { parseSample, sampleRangeMessage } = await import('../pure/data/samples.js');
      const { decodeCodes, encodeAll } = await import('../latent/index.js');
      await initBackend();
      const data = await runDatasetIndex(runs[0]!, records[0]!.dataset);
      const from = parseSample(fromText, data);
      if (from + steps > data.count) throw new RangeError(sampleRangeMessage(data, from + steps - 1));
      const originals = data.gather(Array.from({ length: steps }, (_, k) => from + k));
      const rows = [];
      for (const [k, dir] of runs.entries()) {
        const loaded = await loadRun(dir);
        try {
          rows.push({
            name: names[k]!,
            reconstructions: decodeCodes(loaded.decoder, encodeAll(loaded.encoder, originals, steps), loaded.record.config.latent),
          });
        } finally {
          loaded.encoder.dispose();
          loaded.decoder.dispose();
        }
      }
      svg = renderReconstructionCompareSvg({ originals, runs: rows, labels: data.labels.subarray(from, from + steps) }, opts);
    }
    const bytes =
      extname(out).toLowerCase() === '.svg'
        ? new TextEncoder().encode(svg)
        : (await import('../png/rasterize.js')).rasterizeSvg(svg, { scale }).png;
    await writeFile(out, bytes);
    console.log(`wrote ${out} (${kind} of ${runs.length} runs, ${(bytes.length / 1024).toFixed(0)} KB)`);
    return 0;
  } catch (err) {
    console.error(`latent-explorer compare: ${errorMessage(err)}`);
    return 1;
  }
}

export const command: Command = {
  summary: 'Compare runs in one figure: loss curves overlaid, or reconstructions (rows = runs)',
  help,
  run,
};
