/**
 * `latent-explorer figure <kind>`: the app's figures, headless, for scripted slide decks. Same pure figure
 * functions as the UI's Export menu; PNG through resvg.
 */
import { access, constants, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_GRID, MAX_STEPS } from '../pure/api/api.js';
import type { Command } from './command.js';
import { integer, oneOf, UsageError } from './flag-values.js';
import { readPngSize } from '../pure/figures/png.js';
import { SIZES, type FigureSize } from '../pure/figures/style.js';
import { FIGURE_KINDS, type FigureKind, type FigureRequest } from '../pure/figures/kinds.js';
import { errorMessage } from '../pure/errors.js';

const PNG_SCALES = ['1', '2', '4'] as const;
type PngScale = 1 | 2 | 4;

const help = `Usage: latent-explorer figure <kind> --run <run dir> --out <file.svg|file.png> [options]

Kinds: ${FIGURE_KINDS.join(', ')}

Options:
  --run <dir>          run folder (with run.json, encoder/, decoder/)            required
  --out <file>         output path; .svg writes SVG, .png rasterises it          required
  --from <sample>      interpolation start, first strip image: a sample number     default test:0
                       (train images first, then test) or test:<k> / train:<k>
  --to <sample>        interpolation end image                                    default test:1
  --steps <n>          interpolation steps, or images in a strip (2..${MAX_STEPS})       default 10
  --grid <n>           manifold grid side (2..${MAX_GRID})                               default 20
  --points <n>         scatter: images to encode (test set first, then train)     default 10000
  --scale <1|2|4>      PNG pixels per SVG px                                      default 2
  --size <16:9|4:3>    figure size: 960x540 or 800x600                           default 16:9
  --title <text>       title drawn at the top                                     default none
  --background <white|transparent>                                                default white
  --tone <mnist|ink>   digits white on black (mnist) or dark on white (ink)       default mnist
  --params             name the model and its parameter count after the title

Images come from the run's own dataset (MNIST, Fashion-MNIST or an imported set, with its class names).
Scatter and grid use the latent plane (the first two principal components when the latent has more than two
dimensions). Denoising corrupts the inputs with the run's own noise (dropout 0.3 if it trained without noise).

Example: latent-explorer figure grid --run assets/default-run --grid 16 --title "Decoder manifold" --out grid.png`;

interface Parsed {
  req: FigureRequest;
  run: string;
  out: string;
  format: 'svg' | 'png';
  scale: PngScale;
  /** `--params`: the model's name and parameter count go after the title. */
  params: boolean;
  /** `--from` and `--to` as given; resolved to sample numbers once the run's dataset is known. */
  samples: { from: string; to: string };
}

function parse(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(
          ['run', 'out', 'from', 'to', 'steps', 'grid', 'points', 'scale', 'size', 'title', 'background', 'tone'].map((k) => [
            k,
            { type: 'string' as const },
          ]),
        ),
        params: { type: 'boolean' as const },
      },
    });
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
  const { values: v, positionals } = parsed;
  const [kind, ...extra] = positionals;
  if (!kind) throw new UsageError(`which figure? Kinds: ${FIGURE_KINDS.join(', ')}`);
  if (!(FIGURE_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`unknown figure kind '${kind}'. Kinds: ${FIGURE_KINDS.join(', ')}`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const get = (k: string) => (v as Record<string, unknown>)[k] as string | undefined;
  const run = get('run');
  const out = get('out');
  if (!run) throw new UsageError('--run <run dir> is required');
  if (!out) throw new UsageError('--out <file.svg|file.png> is required');
  const ext = extname(out).toLowerCase();
  if (ext !== '.svg' && ext !== '.png') throw new UsageError(`--out must end in .svg or .png, got '${out}'`);
  const scale = Number(oneOf('scale', get('scale'), PNG_SCALES, '2')) as PngScale;
  const req: FigureRequest = {
    kind: kind as FigureKind,
    from: 0,
    to: 1,
    steps: integer('steps', get('steps'), 10, 2, MAX_STEPS),
    grid: integer('grid', get('grid'), 20, 2, MAX_GRID),
    points: integer('points', get('points'), 10_000, 1, 70_000),
    size: oneOf('size', get('size'), Object.keys(SIZES) as FigureSize[], '16:9'),
    title: get('title') ?? null,
    background: oneOf('background', get('background'), ['white', 'transparent'] as const, 'white'),
    tone: oneOf('tone', get('tone'), ['mnist', 'ink'] as const, 'mnist'),
  };
  const samples = { from: get('from') ?? 'test:0', to: get('to') ?? 'test:1' };
  for (const [flag, text] of Object.entries(samples))
    if (!/^(?:(?:train|test):)?\d+$/.test(text.trim()))
      throw new UsageError(`--${flag} must be a sample number, test:<k> or train:<k>, got '${text}'`);
  return { req, run, out, format: ext === '.svg' ? 'svg' : 'png', scale, samples, params: v.params === true };
}

async function render(p: Parsed): Promise<string> {
  // Heavy modules load only once the command line is known to be good, so usage errors answer at once.
  const { readRunRecord, loadRun } = await import('../runs/index.js');
  const { renderRunFigure, renderRunLossSvg } = await import('./figure-data.js');
  if (p.params) {
    const { paramCount, formatParams } = await import('../pure/model/params.js');
    const record = await readRunRecord(p.run);
    const about = `${record.name}, ${formatParams(paramCount(record.config))} parameters`;
    p = { ...p, req: { ...p.req, title: p.req.title ? `${p.req.title} · ${about}` : about } };
  }
  if (p.req.kind === 'loss') return renderRunLossSvg(await readRunRecord(p.run), p.req);
  const { initBackend } = await import('../model/backend.js');
  const { runDatasetIndex } = await import('./run-data.js');
  const { parseSample } = await import('../pure/data/samples.js');
  await initBackend();
  const run = await loadRun(p.run);
  try {
    const data = await runDatasetIndex(p.run, run.record.dataset);
    const req = { ...p.req, from: parseSample(p.samples.from, data), to: parseSample(p.samples.to, data) };
    return renderRunFigure(run, data, req);
  } finally {
    run.encoder.dispose();
    run.decoder.dispose();
  }
}

async function run(argv: string[]): Promise<number> {
  let p: Parsed;
  try {
    p = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`latent-explorer figure: ${err.message}\nRun \`latent-explorer figure --help\` for the options.`);
    return 2;
  }
  const outDir = dirname(resolve(p.out));
  try {
    // Fail before minutes of work, not after: the folder must exist and be writable.
    await access(outDir, constants.W_OK);
  } catch {
    console.error(`latent-explorer figure: cannot write ${p.out}: folder ${outDir} does not exist or is not writable`);
    return 1;
  }
  let bytes: Uint8Array;
  let size: { width: number; height: number };
  try {
    const svg = await render(p);
    if (p.format === 'svg') {
      bytes = new TextEncoder().encode(svg);
      size = { width: SIZES[p.req.size ?? '16:9'].width, height: SIZES[p.req.size ?? '16:9'].height };
    } else {
      const { rasterizeSvg } = await import('../png/rasterize.js');
      bytes = rasterizeSvg(svg, { scale: p.scale }).png;
      size = readPngSize(bytes);
    }
  } catch (err) {
    console.error(`latent-explorer figure: ${errorMessage(err)}`);
    return 1;
  }
  try {
    await writeFile(p.out, bytes);
  } catch (err) {
    console.error(`latent-explorer figure: cannot write ${p.out}: ${errorMessage(err)}`);
    return 1;
  }
  console.log(
    `wrote ${p.out} (${p.req.kind}, ${size.width}x${size.height}${p.format === 'png' ? ` px at ${p.scale}x` : ''}, ${(bytes.length / 1024).toFixed(0)} KB)`,
  );
  return 0;
}

export const command: Command = {
  summary: 'Write a figure (scatter, grid, interpolation, ...) of a run as SVG or PNG',
  help,
  run,
};
