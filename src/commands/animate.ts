/**
 * `latent-explorer animate <kind>`: the app's animations as GIF, headless: an interpolation, a walk across the
 * latent plane, a training replay. Frames are drawn by the same pure frame functions as the page's Export menu
 * and rasterised by resvg; `--at` writes one frame as a still (SVG or PNG) instead.
 */
import { access, constants, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ANIMATION_FORMATS,
  ANIMATION_KINDS,
  MAX_FRAMES,
  playOrder,
  type AnimationFormat,
  type AnimationKind,
} from '../pure/anim/sequence.js';
import { SIZES, type FigureSize } from '../pure/figures/style.js';
import type { Command } from './command.js';
import { integer, oneOf, UsageError } from './flag-values.js';
import type { AnimationRequest, AnimationSource } from './animate-data.js';
import { errorMessage } from '../pure/errors.js';

const help = `Usage: latent-explorer animate <kind> --run <run dir> --out <file.gif> [options]

Kinds:
  interpolation   the decoded latent path beside the pixel cross-fade, t from 0 to 1 (--map adds the plane)
  walk            a walk along a path on the latent plane, the decoded digit beside the moving marker
  replay          the latent scatter of the run's 5,000 replay test images after every epoch, the loss growing

Options:
  --run <dir>          run folder                                                 required
  --out <file>         .gif (or, with --at, .svg/.png for one frame)               required
  --format <gif|webm|mp4>                                                           default from --out
  --frames <n>         distinct frames, t from 0 to 1 (1..${MAX_FRAMES}); replay: one per epoch  default 10
  --fps <n>            frames per second (1..50)                                   default 5
  --scale <1|2|4>      pixels per figure px                                        default 1
  --size <16:9|4:3>    960x540 or 800x600                                          default 16:9
  --no-loop            play once (default: loop forever)
  --ping-pong          play forwards, then backwards
  --at <t|epoch>       write one frame as a still: t in 0..1 (replay: an epoch)
  --title <text>       title drawn at the top                                      default none
  --tone <mnist|ink>   digits white on black or dark on white                      default mnist
  interpolation:  --from <sample> --to <sample> (a sample number, test:<k> or train:<k>; default test:0, test:1)   --map   --points <n> (map, default 5000)
  walk:           --path="x,y;x,y;..." plane points (write the = when a value is negative)
                  or --through <classes> (class centres, default 0,1,2,3,4,5,6,7,8,9)

Video (WebM/MP4) is encoded with WebCodecs, which Node does not have: export videos from the app's Export menu.
Replays exist for runs trained since replays were recorded; older runs say they have none.

Example: latent-explorer animate interpolation --run assets/default-run --from test:3 --to test:2 --frames 10 --scale 2 --out interp.gif`;

/** `"x,y;x,y"` as interleaved numbers. */
export function parsePath(text: string): number[] {
  const pts = text.split(';').map((p) => p.trim().split(',').map(Number));
  if (pts.length < 2 || pts.some((p) => p.length !== 2 || !p.every(Number.isFinite)))
    throw new UsageError(`--path must be at least two points "x,y;x,y", got '${text}'`);
  return pts.flat();
}

export interface AnimateArgs {
  kind: AnimationKind;
  run: string;
  out: string;
  format: AnimationFormat | 'svg' | 'png';
  fps: number;
  scale: 1 | 2 | 4;
  loop: boolean;
  pingPong: boolean;
  at: number | null;
  req: AnimationRequest;
  /** `--from`/`--to` as written (a sample number, test:<k> or train:<k>); resolved against the run's dataset. */
  samples?: { from: string; to: string };
}

export function parseAnimateArgs(argv: string[]): AnimateArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(
          ['run', 'out', 'format', 'frames', 'fps', 'scale', 'size', 'at', 'title', 'tone', 'from', 'to', 'points', 'path', 'through'].map(
            (k) => [k, { type: 'string' as const }],
          ),
        ),
        'no-loop': { type: 'boolean' },
        'ping-pong': { type: 'boolean' },
        map: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
  const { values: v, positionals } = parsed;
  const [kind, ...extra] = positionals;
  if (!kind) throw new UsageError(`which animation? Kinds: ${ANIMATION_KINDS.join(', ')}`);
  if (!(ANIMATION_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`unknown animation '${kind}'. Kinds: ${ANIMATION_KINDS.join(', ')}`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const get = (k: string) => (v as Record<string, unknown>)[k] as string | undefined;
  const run = get('run');
  const out = get('out');
  if (!run) throw new UsageError('--run <run dir> is required');
  if (!out) throw new UsageError('--out <file.gif> is required');
  const ext = extname(out).toLowerCase().slice(1);
  const atText = get('at');
  let format: AnimateArgs['format'];
  if (atText !== undefined) {
    if (ext !== 'svg' && ext !== 'png') throw new UsageError(`with --at, --out must end in .svg or .png, got '${out}'`);
    format = ext;
  } else {
    format = oneOf(
      'format',
      get('format'),
      ANIMATION_FORMATS,
      (ANIMATION_FORMATS as readonly string[]).includes(ext) ? (ext as AnimationFormat) : 'gif',
    );
    if (ext !== format) throw new UsageError(`--out must end in .${format}, got '${out}'`);
  }
  const at = atText === undefined ? null : Number(atText);
  if (at !== null && !(Number.isFinite(at) && (kind === 'replay' ? Number.isInteger(at) && at >= 0 : at >= 0 && at <= 1)))
    throw new UsageError(
      kind === 'replay' ? `--at must be a recorded epoch, got '${atText}'` : `--at must be a t from 0 to 1, got '${atText}'`,
    );
  const through = (get('through') ?? '0,1,2,3,4,5,6,7,8,9').split(',').map((c) => Number(c.trim()));
  if (through.length < 2 || through.some((c) => !Number.isInteger(c) || c < 0))
    throw new UsageError(`--through must list two or more classes, e.g. 0,6,8`);
  return {
    kind: kind as AnimationKind,
    run,
    out,
    format,
    fps: integer('fps', get('fps'), 5, 1, 50),
    scale: Number(oneOf('scale', get('scale'), ['1', '2', '4'] as const, '1')) as 1 | 2 | 4,
    loop: !v['no-loop'],
    pingPong: Boolean(v['ping-pong']),
    at,
    samples: { from: get('from') ?? 'test:0', to: get('to') ?? 'test:1' },
    req: {
      frames: integer('frames', get('frames'), 10, 1, MAX_FRAMES),
      // Placeholders: the samples are resolved against the run's dataset in animationSource.
      from: 0,
      to: 0,
      map: Boolean(v.map),
      path: get('path') === undefined ? null : parsePath(get('path')!),
      through,
      points: integer('points', get('points'), 5000, 1, 10_000),
      size: oneOf('size', get('size'), Object.keys(SIZES) as FigureSize[], '16:9'),
      title: get('title') ?? null,
      tone: oneOf('tone', get('tone'), ['mnist', 'ink'] as const, 'mnist'),
    },
  };
}

/** Loads what the kind needs and returns its frames. The caller disposes nothing: models are freed here. */
export async function animationSource(args: Pick<AnimateArgs, 'kind' | 'run' | 'req' | 'samples'>): Promise<AnimationSource> {
  const { readRunRecord, loadRun } = await import('../runs/index.js');
  const data = await import('./animate-data.js');
  if (args.kind === 'replay') {
    const { readReplay } = await import('../runs/replay.js');
    return data.replayAnimation(await readRunRecord(args.run), await readReplay(args.run), args.req);
  }
  const { initBackend } = await import('../model/backend.js');
  const { runDatasetIndex } = await import('./run-data.js');
  const { parseSample } = await import('../pure/data/samples.js');
  await initBackend();
  const run = await loadRun(args.run);
  try {
    const index = await runDatasetIndex(args.run, run.record.dataset);
    const samples = args.samples ?? { from: 'test:0', to: 'test:1' };
    const req = { ...args.req, from: parseSample(samples.from, index), to: parseSample(samples.to, index) };
    return args.kind === 'interpolation' ? data.interpolationAnimation(run, index, req) : data.walkAnimation(run, index, req);
  } finally {
    run.encoder.dispose();
    run.decoder.dispose();
  }
}

/** Rasterises and encodes the frames of `source` as a GIF, in play order. */
export async function renderGif(
  source: AnimationSource,
  opts: { scale: 1 | 2 | 4; fps: number; loop: boolean; pingPong: boolean },
): Promise<Uint8Array> {
  const { rasterizeFrame } = await import('../png/frames.js');
  const { encodeGif } = await import('../pure/anim/gif.js');
  const distinct = Array.from({ length: source.count }, (_, k) => rasterizeFrame(source.frame(k), opts.scale));
  return encodeGif(
    playOrder(source.count, opts.pingPong).map((k) => distinct[k]!),
    { fps: opts.fps, loop: opts.loop },
  );
}

/** The distinct frame nearest `at` (a t, or for a replay an epoch). */
async function frameAt(args: AnimateArgs, source: AnimationSource): Promise<number> {
  if (args.kind !== 'replay') return Math.round(args.at! * (source.count - 1));
  const { readReplay } = await import('../runs/replay.js');
  const epochs = (await readReplay(args.run)).epochs.map((e) => e.epoch);
  const k = epochs.indexOf(args.at!);
  if (k < 0) throw new Error(`epoch ${args.at} is not in the replay (recorded: ${epochs.join(', ')})`);
  return k;
}

async function run(argv: string[]): Promise<number> {
  let args: AnimateArgs;
  try {
    args = parseAnimateArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`latent-explorer animate: ${err.message}\nRun \`latent-explorer animate --help\` for the options.`);
    return 2;
  }
  if (args.format === 'webm' || args.format === 'mp4') {
    console.error(
      `latent-explorer animate: ${args.format.toUpperCase()} needs WebCodecs (a browser's video encoder), which Node does not have. ` +
        'Export the video from the Export menu of the app (desktop or serve mode), or write --format gif here.',
    );
    return 1;
  }
  const outDir = dirname(resolve(args.out));
  try {
    await access(outDir, constants.W_OK);
  } catch {
    console.error(`latent-explorer animate: cannot write ${args.out}: folder ${outDir} does not exist or is not writable`);
    return 1;
  }
  let bytes: Uint8Array;
  let frames: number;
  try {
    const source = await animationSource(args);
    if (args.at !== null) {
      const svg = source.frame(await frameAt(args, source));
      frames = 1;
      if (args.format === 'svg') bytes = new TextEncoder().encode(svg);
      else bytes = (await import('../png/rasterize.js')).rasterizeSvg(svg, { scale: args.scale, background: '#ffffff' }).png;
    } else {
      bytes = await renderGif(source, args);
      frames = playOrder(source.count, args.pingPong).length;
    }
  } catch (err) {
    console.error(`latent-explorer animate: ${errorMessage(err)}`);
    return 1;
  }
  await writeFile(args.out, bytes);
  const { width, height } = SIZES[args.req.size ?? '16:9'];
  console.log(
    `wrote ${args.out} (${args.kind}, ${frames} frame${frames === 1 ? '' : 's'}, ${width * args.scale}x${height * args.scale}, ${(bytes.length / 1024).toFixed(0)} KB)`,
  );
  return 0;
}

export const command: Command = {
  summary: 'Write an animation (interpolation, walk, training replay) of a run as a GIF',
  help,
  run,
};
