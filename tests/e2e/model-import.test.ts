/**
 * Importing a PyTorch model from the Runs tab in a real Chromium: the committed ONNX fixture (encoder + decoder)
 * is picked, imported, listed as a PyTorch run, opened and explored (a click decodes exactly what onnxruntime
 * gives for that point), its scatter exported as a figure, and the run exported as a .zip that holds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openOnnxPair } from '../../src/onnx/onnx-model.js';
import { canvasGrey, callApi, latentAt, maxDiff, plotBox } from './explorer-page.js';
import { describeE2e, launchApp, type E2eApp } from './harness.js';
import { openTab, waitReady } from './studio-page.js';

const FIXTURE = 'tests/fixtures/torch';
let app: E2eApp;
let page: Page;

describeE2e('model import', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
    page = app.page;
    await waitReady(page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('imports the PyTorch fixture from the Runs tab, explores it (a click decodes) and exports a figure and the run', async () => {
    await openTab(page, 'runs');
    await page.getByTestId('model-import-open').click();
    await page.getByTestId('model-import-encoder').setInputFiles(join(FIXTURE, 'encoder.onnx'));
    await page.getByTestId('model-import-decoder').setInputFiles(join(FIXTURE, 'decoder.onnx'));
    await page.getByTestId('model-import-name').fill('Course AE (PyTorch)');
    await app.screenshot('model-import-form');
    await page.getByTestId('model-import-start').click();
    await expect.poll(() => page.getByTestId('model-import-done').textContent(), { timeout: 60_000 }).toContain('Course AE (PyTorch)');
    const row = page.locator('[data-testid=run-row]', { hasText: 'Course AE (PyTorch)' });
    await expect.poll(() => row.getByTestId('run-imported').textContent()).toBe('PyTorch');
    expect(await row.getByTestId('run-retrain').count()).toBe(0);
    await app.screenshot('model-import-listed');

    await row.getByTestId('run-open').click();
    await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])', { timeout: 60_000 });
    const box = await plotBox(page);
    const px = box.left + box.width * 0.5;
    const py = box.top + box.height * 0.45;
    const frame = page.locator('[data-version]').first();
    const v0 = Number((await frame.getAttribute('data-version')) ?? -1);
    await page.mouse.click(px, py);
    await expect.poll(async () => Number(await frame.getAttribute('data-version')), { timeout: 20_000 }).toBeGreaterThan(v0);
    await page.waitForTimeout(300);
    const point = (await frame.getAttribute('data-point'))!.split(',').map(Number);
    const [ex, ey] = latentAt(box, px, py);
    const pixel = (box.x1 - box.x0) / box.width;
    expect(Math.abs(point[0]! - ex)).toBeLessThan(pixel);
    expect(Math.abs(point[1]! - ey)).toBeLessThan(pixel);
    const shown = await canvasGrey(page, 'decoded');
    // What onnxruntime gives for that point, straight from the fixture (2-D: the plane is the latent space).
    const pair = await openOnnxPair(readFileSync(join(FIXTURE, 'encoder.onnx')), readFileSync(join(FIXTURE, 'decoder.onnx')));
    const unit = await pair.decodeUnit(Float32Array.from(point));
    pair.dispose();
    expect(
      maxDiff(
        shown.grey,
        Array.from(unit, (v) => Math.round(v * 255)),
      ),
    ).toBeLessThanOrEqual(1);
    expect(shown.grey).toEqual((await callApi(page, 'decode', { 'points:f32': point })).images);
    await page.mouse.move(5, 5);
    await app.screenshot('model-import-explored');

    // A figure of the imported model's latent space.
    const download = page.waitForEvent('download');
    const scope = page.locator('.legend-row');
    await scope.getByTestId('export-button').click();
    await scope.getByTestId('export-svg').click();
    const svg = readFileSync((await (await download).path())!, 'utf8');
    // Booleans, not the text: a failure must not print a megabyte of embedded PNG.
    expect(svg.includes('aria-label="latent scatter"')).toBe(true);
    expect(svg.includes('aria-label="marker cross"')).toBe(true);

    // The run leaves as one .zip holding its graphs and record.
    await openTab(page, 'runs');
    const zipDownload = page.waitForEvent('download');
    await page.locator('[data-testid=run-row]', { hasText: 'Course AE (PyTorch)' }).getByTestId('run-export').click();
    const zip = await zipDownload;
    expect(zip.suggestedFilename()).toMatch(/^import-course-ae-pytorch-.*\.zip$/);
    const entries = unzipSync(new Uint8Array(readFileSync((await zip.path())!)));
    expect(Object.keys(entries).sort()).toEqual(['onnx/decoder.onnx', 'onnx/encoder.onnx', 'run.json']);
    expect(Buffer.from(entries['onnx/encoder.onnx']!).equals(readFileSync(join(FIXTURE, 'encoder.onnx')))).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
