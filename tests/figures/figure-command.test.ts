import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { FIGURE_KINDS } from '../../src/pure/figures/kinds.js';
import { readPngSize } from '../../src/pure/figures/png.js';
import { parseSvg } from './snapshot.js';
import { makeTinyRun } from './tiny-run.js';

let work: string;
let run: string;

/** Runs `latent-explorer figure ...` in-process; returns the exit code and what it printed. */
async function figure(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await main(['figure', ...args]);
    return { code, out: log.mock.calls.flat().join('\n'), err: error.mock.calls.flat().join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'figure-cmd-'));
  run = join(work, 'run');
  await makeTinyRun(run, { limit: 1000, epochs: 1 });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('latent-explorer figure', () => {
  it.each(FIGURE_KINDS)('figure %s --out x.svg writes valid 960x540 SVG XML', async (kind) => {
    const out = join(work, `${kind}.svg`);
    const tensors = tf.memory().numTensors;
    const { code, out: printed } = await figure(
      kind,
      '--run',
      run,
      '--out',
      out,
      '--title',
      `A ${kind}`,
      '--steps',
      '6',
      '--grid',
      '8',
      '--points',
      '3000',
    );
    expect(code).toBe(0);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(printed).toContain(`wrote ${out}`);
    const root = parseSvg(readFileSync(out, 'utf8'));
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['960', '540']);
    expect(root.getAttribute('aria-label')).toContain(`A ${kind}`);
  });

  it.each([
    ['1', '16:9', 960, 540],
    ['2', '4:3', 1600, 1200],
    ['4', '16:9', 3840, 2160],
  ] as const)('figure grid --scale %s --size %s writes a PNG of %ix%i pixels', async (scale, size, width, height) => {
    const out = join(work, `grid-${scale}.png`);
    const { code } = await figure('grid', '--run', run, '--out', out, '--grid', '6', '--scale', scale, '--size', size);
    expect(code).toBe(0);
    expect(readPngSize(new Uint8Array(readFileSync(out)))).toEqual({ width, height });
  });

  it('an unknown kind exits 2 naming the kinds', async () => {
    const { code, err } = await figure('histogram', '--run', run, '--out', join(work, 'h.svg'));
    expect(code).toBe(2);
    expect(err).toContain("unknown figure kind 'histogram'");
    expect(err).toContain('scatter, grid, interpolation');
  });

  it('a missing run folder exits 1 with the reason', async () => {
    const { code, err } = await figure('grid', '--run', join(work, 'no-such-run'), '--out', join(work, 'g.svg'));
    expect(code).toBe(1);
    expect(err).toMatch(/no-such-run.*no run\.json/);
  });

  it('an unwritable output path exits 1 before any work', async () => {
    const { code, err } = await figure('loss', '--run', run, '--out', join(work, 'missing-folder', 'loss.svg'));
    expect(code).toBe(1);
    expect(err).toMatch(/cannot write .*missing-folder/);
  });

  it('bad options exit 2: no --out, a wrong extension, a scale of 3, an unknown flag', async () => {
    expect((await figure('loss', '--run', run)).err).toContain('--out');
    expect((await figure('loss', '--run', run, '--out', join(work, 'x.jpg'))).code).toBe(2);
    expect((await figure('loss', '--run', run, '--out', join(work, 'x.png'), '--scale', '3')).err).toContain(
      '--scale must be one of 1, 2, 4',
    );
    expect((await figure('loss', '--run', run, '--out', join(work, 'x.svg'), '--colour', 'red')).code).toBe(2);
  });

  it('a sample number outside the dataset exits 1 with the valid range', async () => {
    const { code, err } = await figure('interpolation', '--run', run, '--out', join(work, 'i.svg'), '--from', '0', '--to', '70000');
    expect(code).toBe(1);
    expect(err).toContain('0..69999');
  });
});

describe('latent-explorer figure --params', () => {
  it('puts the model name and its parameter count after the title', async () => {
    const out = join(work, 'params.svg');
    const { code } = await figure('reconstructions', '--run', run, '--out', out, '--title', 'Rebuilt', '--params', '--steps', '4');
    expect(code).toBe(0);
    // tiny: dense 784-128-2 and its mirror, 202,258 weights and biases.
    expect(parseSvg(readFileSync(out, 'utf8')).getAttribute('aria-label')).toContain('Rebuilt · tiny, 202k parameters');
  });
});
