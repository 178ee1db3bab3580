/**
 * Embeddings made elsewhere, in a real Chromium: from the Runs tab, a CSV of 1,234 codes with labels and an IDX
 * file of their images is imported, listed as codes only, opened; the map shows every point, hovering a point
 * shows its own image, the decode panel says decoding is off and why, and the map exports as a figure. Codes
 * without images hover with their label and the reason there is no image.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeIdx } from '../../src/data/idx.js';
import { canvasGrey, pixelOf, plotBox } from './explorer-page.js';
import { describeE2e, launchApp, type E2eApp } from './harness.js';
import { png } from './png-file.js';
import { openTab, waitReady } from './studio-page.js';

const N = 1_234;
const scratch = mkdtempSync(join(tmpdir(), 'lex-e2e-codes-'));
let app: E2eApp;
let page: Page;

/** Three blobs of codes, label i % 3 (or `names[i % 3]`), as a CSV with a header. */
function codesCsv(n: number, names?: readonly string[]): Buffer {
  const rows = Array.from({ length: n }, (_, i) => {
    const l = i % 3;
    const a = (l / 3) * 2 * Math.PI;
    return `${names?.[l] ?? l},${(3 * Math.cos(a) + 0.8 * Math.sin(i * 12.9898)).toFixed(4)},${(3 * Math.sin(a) + 0.8 * Math.cos(i * 78.233)).toFixed(4)}`;
  });
  return Buffer.from(['label,z1,z2', ...rows].join('\n'));
}

/** Image i: a bar whose height and brightness follow i, on black, so each hover image is its own. */
function images(n: number): Uint8Array {
  const out = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++)
    for (let y = 4; y < 5 + (i % 19); y++)
      for (let x = 8 + (i % 3) * 4; x < 16 + (i % 3) * 4; x++) out[i * 784 + y * 28 + x] = 80 + (i % 170);
  return out;
}

async function importCodes(name: string, withImages: boolean, classNames?: readonly string[]): Promise<void> {
  await openTab(page, 'runs');
  await page.getByTestId('model-import-open').click();
  await page.getByTestId('model-import-kind-codes').check();
  await page.getByTestId('codes-import-codes').setInputFiles({ name: 'codes.csv', mimeType: 'text/csv', buffer: codesCsv(N, classNames) });
  if (withImages)
    await page.getByTestId('codes-import-images').setInputFiles({
      name: 'images-idx3-ubyte',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(writeIdx(images(N), [N, 28, 28])),
    });
  await page.getByTestId('model-import-name').fill(name);
  if (withImages) await app.screenshot('embeddings-import-form');
  await page.getByTestId('model-import-start').click();
  await expect.poll(() => page.getByTestId('model-import-done').textContent(), { timeout: 60_000 }).toContain(name);
  const row = page.locator('[data-testid=run-row]', { hasText: name });
  await expect.poll(() => row.getByTestId('run-codes-only').textContent()).toBe('Codes');
  await row.getByTestId('run-open').click();
  await page.waitForSelector(`[data-testid=scatter][data-shown="${N}"]`, { timeout: 60_000 });
}

/** Moves the pointer onto sample `index` of the main map; returns the index the hover card shows. */
async function hover(index: number): Promise<number> {
  const box = await plotBox(page);
  const [x, y] = (await pixelOf(page, 'main', index))!;
  await page.mouse.move(box.left + x, box.top + y);
  const card = page.getByTestId('hover-card');
  await card.waitFor({ timeout: 10_000 });
  return Number(await card.getAttribute('data-index'));
}

describeE2e('embeddings import', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1360, height: 1000 } });
    page = app.page;
    await waitReady(page);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports a CSV of codes with an IDX file of images from the Runs tab; hover shows each image; decoding is off; a figure exports', async () => {
    await importCodes('Blobs with images', true);
    await app.screenshot('embeddings-import-listed');
    await expect.poll(() => page.getByTestId('decode-off').textContent()).toContain('Decoding is off');

    const shown = await hover(600);
    await expect.poll(async () => (await canvasGrey(page, 'hover-image')).grey.some((v) => v > 0), { timeout: 10_000 }).toBe(true);
    const got = await canvasGrey(page, 'hover-image');
    const want = Array.from(images(N).subarray(shown * 784, (shown + 1) * 784));
    // The canvas may be drawn at a scale: compare the 28x28 grid it shows.
    const s = got.width / 28;
    const grid = Array.from({ length: 784 }, (_, k) => got.grey[Math.floor(k / 28) * s * got.width + (k % 28) * s]!);
    expect(grid).toEqual(want);
    await app.screenshot('embeddings-explored-hover');

    // A click places the crosshair and asks nothing of a decoder: the panel keeps saying why.
    await page.mouse.click((await plotBox(page)).left + 40, (await plotBox(page)).top + 40);
    expect(await page.getByTestId('decode-off').isVisible()).toBe(true);
    // Drawing, interpolation and the grid need a model: one note says so, and no panel shows an engine error.
    expect(await page.getByTestId('codes-only-note').textContent()).toContain('holds the codes alone');
    for (const id of ['draw-pad', 'interp-panel', 'grid-panel']) expect(await page.getByTestId(id).count()).toBe(0);
    expect(await page.locator('.side .error').count()).toBe(0);
    expect(await page.locator('.help').textContent()).not.toContain('decode');
    await app.screenshot('embeddings-codes-only-panels');

    const download = page.waitForEvent('download');
    const scope = page.locator('.legend-row');
    await scope.getByTestId('export-button').click();
    await scope.getByTestId('export-svg').click();
    const svg = readFileSync((await (await download).path())!, 'utf8');
    expect(svg.includes('aria-label="latent scatter"')).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('codes labelled by name, without images, hover with their class name and the reason there is no image', async () => {
    await importCodes('Blobs, codes only', false, ['triangle', 'circle', 'square']);
    // Numbered in natural order: circle 0, square 1, triangle 2.
    const legend = page.getByTestId('legend').first();
    expect(await legend.locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('title')))).toEqual([
      'circle',
      'square',
      'triangle',
    ]);
    const shown = await hover(10);
    await expect
      .poll(() => page.getByTestId('hover-card').locator('strong').textContent())
      .toBe(['triangle', 'circle', 'square'][shown % 3]);
    await expect.poll(() => page.getByTestId('hover-no-image').textContent()).toContain('imported without images');
    await app.screenshot('embeddings-no-images-hover');
    expect(app.pageErrors).toEqual([]);
  });

  it('takes the images from a folder of PNGs in name order (img-2 before img-10), one per code', async () => {
    const n = 30;
    const folder = join(scratch, 'digits');
    mkdirSync(folder);
    // Image k (1-based file name) is black with one white row at 3 + k % 20.
    for (let k = 1; k <= n; k++)
      writeFileSync(
        join(folder, `img-${k}.png`),
        png(28, (x, y) => (y === 3 + (k % 20) && x > 3 && x < 24 ? 255 : 0)),
      );
    await openTab(page, 'runs');
    await page.getByTestId('model-import-open').click();
    await page.getByTestId('model-import-kind-codes').check();
    await page.getByTestId('codes-import-codes').setInputFiles({ name: 'few.csv', mimeType: 'text/csv', buffer: codesCsv(n) });
    await page.getByTestId('codes-import-folder').setInputFiles(folder);
    await page.getByTestId('model-import-name').fill('Blobs from a folder');
    await page.getByTestId('model-import-start').click();
    await expect.poll(() => page.getByTestId('model-import-done').textContent(), { timeout: 60_000 }).toContain('Blobs from a folder');
    await page.locator('[data-testid=run-row]', { hasText: 'Blobs from a folder' }).getByTestId('run-open').click();
    await page.waitForSelector(`[data-testid=scatter][data-shown="${n}"]`, { timeout: 60_000 });
    await page.getByTestId('thumbnails').uncheck();
    for (const index of [1, 9, 25]) {
      const shown = await hover(index);
      const row = 3 + ((shown + 1) % 20);
      await expect
        .poll(async () => {
          const got = await canvasGrey(page, 'hover-image');
          const s = got.width / 28;
          return got.grey[row * s * got.width + 10 * s];
        })
        .toBe(255);
      await page.mouse.move(5, 5);
    }
    await app.screenshot('embeddings-folder-hover');
    expect(app.pageErrors).toEqual([]);
  });
});
