/**
 * The animate command end to end: GIFs of the default model and of a run trained here, decoded with gifuct-js
 * and compared frame by frame with the still the same frame function draws at the same t or epoch.
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { animationSource, parseAnimateArgs } from '../../src/commands/animate.js';
import { loadMnist } from '../../src/data/mnist.js';
import { encodeAll } from '../../src/latent/encode-all.js';
import { rasterizeFrame } from '../../src/png/frames.js';
import { IMAGE_PIXELS } from '../../src/pure/data/image.js';
import { classColorRgb } from '../../src/pure/figures/palette.js';
import { loadRun, readRunRecord } from '../../src/runs/index.js';
import { readReplay } from '../../src/runs/replay.js';
import { decodeGif, offPalettePixels } from './gif-decode.js';

const DEFAULT_RUN = 'assets/default-run';
let root: string;
let fresh: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/**
 * Every decoded frame is the palette rounding of the still drawn for it: each pixel is the palette entry nearest
 * the still's colour.
 */
async function expectFramesMatchStills(file: string, argv: string[], order: number[]) {
  const gif = decodeGif(new Uint8Array(await readFile(file)));
  expect(gif.frames).toHaveLength(order.length);
  const args = parseAnimateArgs(argv);
  const source = await animationSource(args);
  for (const [k, distinct] of order.entries()) {
    const still = rasterizeFrame(source.frame(distinct), args.scale);
    expect([gif.width, gif.height]).toEqual([still.width, still.height]);
    expect(offPalettePixels(still.rgba as Uint8Array, gif.frames[k]!.rgba, gif.palette)).toBe(0);
  }
  return gif;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'animate-test-'));
  fresh = join(root, 'fresh');
  const trained = await cli(
    'train',
    '--arch',
    'dense',
    '--hidden',
    '64',
    '--latent',
    '2',
    '--epochs',
    '2',
    '--limit',
    '1000',
    '--test-limit',
    '500',
    '--seed',
    '3',
    '--out',
    fresh,
    '--quiet',
  );
  expect(trained.code, trained.err).toBe(0);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('latent-explorer animate', () => {
  it('--help lists the kinds and options; bad input is refused with a reason', async () => {
    const help = await cli('animate', '--help');
    for (const word of [
      'interpolation',
      'walk',
      'replay',
      '--frames',
      '--fps',
      '--scale',
      '--size',
      '--no-loop',
      '--ping-pong',
      '--at',
      '--map',
      '--path',
    ])
      expect(help.out).toContain(word);
    expect(await cli('animate', 'spin', '--run', DEFAULT_RUN, '--out', 'x.gif')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown animation 'spin'/),
    });
    expect(await cli('animate', 'walk', '--run', DEFAULT_RUN, '--out', 'x.gif', '--path', '1,2')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--path/),
    });
    expect(await cli('animate', 'interpolation', '--run', DEFAULT_RUN, '--out', join(root, 'x.webm'))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/WebCodecs.*Export menu/),
    });
  });

  it('interpolation of the default model at 2x, 10 frames: under 1 MB, frame k is the still at t = k/9', async () => {
    const file = join(root, 'interp.gif');
    const argv = [
      'interpolation',
      '--run',
      DEFAULT_RUN,
      '--from',
      'test:3',
      '--to',
      'test:2',
      '--frames',
      '10',
      '--scale',
      '2',
      '--out',
      file,
    ];
    expect((await cli('animate', ...argv)).code).toBe(0);
    expect((await stat(file)).size).toBeLessThan(1024 * 1024);
    const gif = await expectFramesMatchStills(file, argv, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(gif.loop).toBe(0);
    expect(gif.frames[0]!.delay).toBe(200);
    // The still written by --at 1 is the last frame.
    const at = join(root, 'at.png');
    expect((await cli('animate', ...argv.slice(0, -1), at, '--at', '1')).code).toBe(0);
  });

  it('interpolation with the map, ping-pong, from a freshly trained run: class colours survive exactly', async () => {
    const file = join(root, 'interp-map.gif');
    const argv = [
      'interpolation',
      '--run',
      fresh,
      '--map',
      '--points',
      '1000',
      '--frames',
      '4',
      '--ping-pong',
      '--fps',
      '8',
      '--out',
      file,
    ];
    expect((await cli('animate', ...argv)).code).toBe(0);
    const gif = await expectFramesMatchStills(file, argv, [0, 1, 2, 3, 2, 1]);
    // The legend swatches are drawn in the exact class colours: every one of them appears exactly in frame 0.
    const colours = new Set<string>();
    const f = gif.frames[0]!.rgba;
    for (let p = 0; p < f.length; p += 4) colours.add(`${f[p]},${f[p + 1]},${f[p + 2]}`);
    for (let c = 0; c < 10; c++) expect(colours.has(classColorRgb(c).join())).toBe(true);
  });

  it('walks through class centres (default model) and along a given path (fresh run)', async () => {
    const a = join(root, 'walk.gif');
    const argvA = ['walk', '--run', DEFAULT_RUN, '--through', '0,6,8', '--frames', '5', '--points', '1000', '--no-loop', '--out', a];
    expect((await cli('animate', ...argvA)).code).toBe(0);
    expect((await expectFramesMatchStills(a, argvA, [0, 1, 2, 3, 4])).loop).toBeNull();
    const b = join(root, 'walk-path.gif');
    const argvB = ['walk', '--run', fresh, '--path=-1,-1;0,0;1,1', '--frames', '3', '--points', '500', '--out', b];
    expect((await cli('animate', ...argvB)).code).toBe(0);
    await expectFramesMatchStills(b, argvB, [0, 1, 2]);
  });

  it('a fresh run records its replay; frame e of the replay GIF is the still of epoch e; old runs have none', async () => {
    const record = await readRunRecord(fresh);
    expect(record.replay).toEqual({ file: 'replay.bin', points: 5000, epochs: 3, projected: false });
    const replay = await readReplay(fresh);
    expect(replay.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    // The last recorded epoch holds the final model's codes of the sample (within Int16 quantisation).
    const mnist = await loadMnist();
    const run = await loadRun(fresh);
    const images = new Uint8Array(replay.indices.length * IMAGE_PIXELS);
    replay.indices.forEach((i, k) => images.set(mnist.test.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), k * IMAGE_PIXELS));
    const codes = encodeAll(run.encoder, images, replay.indices.length);
    run.encoder.dispose();
    run.decoder.dispose();
    const last = replay.epochs[2]!.xy;
    const span = Math.max(...codes) - Math.min(...codes);
    for (let i = 0; i < codes.length; i++) expect(Math.abs(last[i]! - codes[i]!)).toBeLessThan(span / 30000);
    expect(Array.from(replay.labels.slice(0, 5))).toEqual(Array.from(replay.indices.slice(0, 5), (i) => mnist.test.labels[i]));
    // Epochs differ: training moved the codes.
    expect(replay.epochs[0]!.xy).not.toEqual(replay.epochs[1]!.xy);

    const file = join(root, 'replay.gif');
    const argv = ['replay', '--run', fresh, '--out', file];
    expect((await cli('animate', ...argv)).code).toBe(0);
    await expectFramesMatchStills(file, argv, [0, 1, 2]);
    // A run from before replays: the default run without its replay.
    const old = join(root, 'old-run');
    await cp(DEFAULT_RUN, old, { recursive: true });
    await rm(join(old, 'replay.bin'));
    const oldRecord = JSON.parse(await readFile(join(old, 'run.json'), 'utf8')) as Record<string, unknown>;
    delete oldRecord.replay;
    await writeFile(join(old, 'run.json'), JSON.stringify(oldRecord));
    expect(await cli('animate', 'replay', '--run', old, '--out', join(root, 'none.gif'))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no training replay/),
    });
  });

  it('figures writes every figure of a run with an index.html of captions and commands', async () => {
    const out = join(root, 'all');
    const done = await cli('figures', '--run', fresh, '--out', out, '--scale', '1');
    expect(done.code, done.err).toBe(0);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    const kinds = ['scatter', 'grid', 'interpolation', 'reconstructions', 'loss', 'kernels', 'denoising'];
    for (const k of kinds) {
      expect(html).toContain(`src="${k}.png"`);
      expect(html).toContain(`latent-explorer figure ${k} --run ${fresh}`);
      expect((await stat(join(out, `${k}.png`))).size).toBeGreaterThan(1000);
    }
    for (const gif of ['interpolation-anim.gif', 'walk.gif', 'replay.gif']) {
      expect(html).toContain(`src="${gif}"`);
      expect(decodeGif(new Uint8Array(await readFile(join(out, gif)))).frames.length).toBeGreaterThan(1);
    }
    expect(decodeGif(new Uint8Array(await readFile(join(out, 'replay.gif')))).frames).toHaveLength(3);
    expect(html).toContain('latent-explorer animate replay --run');
  });

  it('compare draws the loss curves of several runs on one axis and their reconstructions in rows', async () => {
    const loss = join(root, 'loss.svg');
    expect((await cli('compare', 'loss', '--run', DEFAULT_RUN, '--run', fresh, '--out', loss)).code).toBe(0);
    const svg = await readFile(loss, 'utf8');
    expect(svg).toMatch(/aria-label="run Dense[^"]*"/);
    expect(svg).toContain(`aria-label="run ${(await readRunRecord(fresh)).name}"`);
    // At least one dot per epoch of each run.
    const epochs = (await readRunRecord(DEFAULT_RUN)).history.length + (await readRunRecord(fresh)).history.length;
    expect(svg.match(/<circle/g)!.length).toBeGreaterThanOrEqual(epochs);
    const recon = join(root, 'recon.svg');
    expect((await cli('compare', 'reconstructions', '--run', DEFAULT_RUN, '--run', fresh, '--steps', '6', '--out', recon)).code).toBe(0);
    const rows = (await readFile(recon, 'utf8')).match(/aria-label="row (?!label")[^"]*"/g);
    expect(rows).toHaveLength(3);
    expect(await cli('compare', 'spin', '--run', fresh, '--out', loss)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/loss or reconstructions/),
    });
    expect(await cli('compare', 'loss', '--out', loss)).toMatchObject({ code: 2, err: expect.stringMatching(/--run/) });
  });
});
