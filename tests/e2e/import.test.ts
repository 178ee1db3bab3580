/**
 * Importing datasets in a real Chromium: a pair of IDX files (an MNIST slice) and a folder of PNG images with one
 * subfolder per class, each previewed and counted before import, then trained on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeIdx } from '../../src/data/idx.js';
import { readMnistSlice } from '../unit/renderer/mnist-slice.js';
import { canvasGrey } from './explorer-page.js';
import { describeE2e, launchApp, type E2eApp } from './harness.js';
import { png } from './png-file.js';
import { attr, configure, openTab, waitReady } from './studio-page.js';

let app: E2eApp;
let page: Page;
const scratch = mkdtempSync(join(tmpdir(), 'lex-e2e-import-'));

describeE2e('dataset import', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1360, height: 1000 } });
    page = app.page;
    await waitReady(page);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports a pair of IDX files after a preview and a count, and trains a model on them', async () => {
    const { images, labels } = readMnistSlice(300);
    await openTab(page, 'training');
    await page.getByTestId('dataset-import').locator('summary').click();
    await page.getByTestId('import-images').setInputFiles({
      name: 'tiny-images-idx3-ubyte',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(writeIdx(images, [300, 28, 28])),
    });
    await page.getByTestId('import-labels').setInputFiles({
      name: 'tiny-labels-idx1-ubyte',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(writeIdx(labels, [300])),
    });
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toBe('300 images in 10 classes');
    const preview = await canvasGrey(page, 'import-preview');
    expect(preview.grey.slice(0, 28)).toEqual(Array.from(images.subarray(0, 28)));
    await page.getByTestId('import-name').fill('Tiny digits');
    await page.getByTestId('import-button').click();
    await expect.poll(() => page.getByTestId('import-message').textContent()).toContain('255 train + 45 test');
    expect(await page.getByTestId('train-dataset').inputValue()).toBe('user:tiny-digits');
    await app.screenshot('studio-import-idx');

    await configure(page, {
      name: 'on tiny digits',
      arch: 'dense',
      hidden: '32',
      latent: '2',
      learningRate: '0.003',
      limit: '',
      epochs: '2',
      batchSize: '32',
    });
    await page.getByTestId('train-start').click();
    await expect.poll(() => attr(page.getByTestId('train-progress'), 'data-status'), { timeout: 120_000 }).toBe('complete');
    await openTab(page, 'runs');
    const row = page.getByTestId('run-row').filter({ hasText: 'on tiny digits' });
    await row.waitFor();
    expect(await row.textContent()).toContain('user:tiny-digits');
  });

  it('imports a folder of PNG images, one subfolder per class, converted to 28x28 grey with MNIST polarity', async () => {
    const root = join(scratch, 'shapes');
    for (const shape of ['circle', 'square']) {
      mkdirSync(join(root, shape), { recursive: true });
      for (let k = 0; k < 6; k++) {
        const r = 10 + k;
        // Dark ink on white paper, 56x56: the import scales it down and inverts it.
        const ink =
          shape === 'circle'
            ? (x: number, y: number) => (Math.hypot(x - 28, y - 28) < r ? 0 : 255)
            : (x: number, y: number) => (Math.abs(x - 28) < r && Math.abs(y - 28) < r ? 0 : 255);
        writeFileSync(join(root, shape, `${shape}-${k}.png`), png(56, ink));
      }
    }
    writeFileSync(join(root, 'README.txt'), 'not an image');
    // A file that is not a PNG though named one, and a class whose only file is broken: said, never silent.
    writeFileSync(join(root, 'circle', 'circle-truncated.png'), png(56, () => 0).subarray(0, 40));
    mkdirSync(join(root, 'triangle'));
    writeFileSync(join(root, 'triangle', 'triangle-0.png'), 'not a png');
    await openTab(page, 'training');
    const details = page.getByTestId('dataset-import');
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await details.getByText('Folder of images').click();
    await page.getByTestId('import-folder').setInputFiles(root);
    await expect.poll(() => page.getByTestId('import-summary').textContent(), { timeout: 30_000 }).toBe('12 images in 2 classes');
    const skipped = await page.getByTestId('import-skipped').textContent();
    expect(skipped).toContain('Left out, not readable as images (2)');
    expect(skipped).toContain('circle-truncated.png');
    expect(skipped).toContain('Left out, not PNG or JPEG images inside a class folder (1): shapes/README.txt');
    expect(skipped).toContain('Classes left out because none of their files could be read: triangle');
    await page.getByTestId('import-skipped').scrollIntoViewIfNeeded();
    await app.screenshot('studio-import-skipped');
    const preview = await canvasGrey(page, 'import-preview');
    // First image: circle-0, bright (inverted) ink at the centre, black paper in the corner.
    expect(preview.grey[14 * preview.width + 14]).toBeGreaterThan(200);
    expect(preview.grey[0]).toBeLessThan(20);
    expect(await page.getByTestId('import-name').inputValue()).toBe('shapes');
    await page.getByTestId('import-button').click();
    await expect.poll(() => page.getByTestId('import-message').textContent()).toContain('Imported “shapes”');
    expect(await page.getByTestId('train-dataset').inputValue()).toBe('user:shapes');
    await app.screenshot('studio-import-folder');
    expect(app.pageErrors).toEqual([]);
  });
});
