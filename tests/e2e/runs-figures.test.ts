/**
 * Figures from the Runs tab in Chromium against serve mode, on a runs library holding a run trained here (so it
 * has a replay) beside the shipped default model (which has none): the replay exports as a GIF of one frame per
 * recorded epoch, runs compared in one figure (loss curves, reconstructions with one row per run), and every
 * figure of a run downloads as one zip with its index.html.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { decodeGif } from '../figures/gif-decode.js';
import { describeE2e, launchApp, SCREENSHOTS, type E2eApp } from './harness.js';
import { openTab } from './studio-page.js';

let app: E2eApp;
let page: Page;
const runsDir = mkdtempSync(join(tmpdir(), 'lex-e2e-figures-'));

async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download', { timeout: 120_000 });
  await click();
  const file = await wait;
  const bytes = readFileSync((await file.path())!);
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, `runs-${file.suggestedFilename()}`), bytes);
  return { name: file.suggestedFilename(), bytes };
}

describeE2e('figures from the runs tab', () => {
  beforeAll(async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await main([
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
      '--name',
      'tiny',
      '--out',
      join(runsDir, 'tiny'),
      '--quiet',
    ]);
    log.mockRestore();
    expect(code).toBe(0);
    app = await launchApp({ runsDir, viewport: { width: 1360, height: 1000 } });
    page = app.page;
    await openTab(page, 'runs');
    await page.getByTestId('figures-pick-tiny').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(runsDir, { recursive: true, force: true });
  });

  it('the replay of a fresh run exports as a GIF with one frame per recorded epoch', async () => {
    await page.getByTestId('figures-pick-tiny').check();
    const scope = page.getByTestId('run-replay');
    await scope.getByTestId('animate-button').click();
    const file = await download(() => scope.getByTestId('animate-export').click());
    expect(file.name).toBe('replay-tiny.gif');
    expect(decodeGif(new Uint8Array(file.bytes)).frames).toHaveLength(3);
  });

  it('compares runs: loss curves overlaid and one reconstruction row per run', async () => {
    await page.getByTestId('figures-pick-default').check();
    await page.getByTestId('compare-loss').waitFor({ timeout: 60_000 });
    await app.screenshot('runs-figures');
    const loss = await download(async () => {
      await page.getByTestId('compare-loss').getByTestId('export-button').click();
      await page.getByTestId('compare-loss').getByTestId('export-svg').click();
    });
    const svg = loss.bytes.toString('utf8');
    expect(svg).toContain('aria-label="run tiny"');
    expect(svg).toMatch(/aria-label="run Dense[^"]*"/);
    const recon = (
      await download(async () => {
        await page.getByTestId('compare-recon').getByTestId('export-button').click();
        await page.getByTestId('compare-recon').getByTestId('export-svg').click();
      })
    ).bytes.toString('utf8');
    expect(recon).toContain('aria-label="row original"');
    expect(recon).toContain('aria-label="row tiny"');
    expect(recon.match(/aria-label="row (?!label")/g)).toHaveLength(3);
  });

  it('writes every figure of the first ticked run into one zip with an index.html', async () => {
    const file = await download(() => page.getByTestId('run-figures-zip').click());
    expect(file.name).toBe('figures-tiny.zip');
    const entries = unzipSync(new Uint8Array(file.bytes));
    const names = Object.keys(entries).map((n) => n.replace('figures-tiny/', ''));
    expect(names.sort()).toEqual(
      [
        'grid.png',
        'index.html',
        'interpolation-anim.gif',
        'interpolation.png',
        'loss.png',
        'reconstructions.png',
        'replay.gif',
        'scatter.png',
      ].sort(),
    );
    const html = new TextDecoder().decode(entries['figures-tiny/index.html']);
    for (const n of names.filter((n) => n !== 'index.html')) expect(html).toContain(`src="${n}"`);
    expect(html).toContain('latent-explorer animate replay');
    expect(decodeGif(entries['figures-tiny/replay.gif']!).frames).toHaveLength(3);
  });
});
