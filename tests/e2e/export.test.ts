/**
 * Export from the explorer in a real Chromium against serve mode: the scatter's SVG is the view as seen (its
 * axes span the zoomed region, a hidden class is absent), its PNG has the stated pixel size, and the manifold
 * grid's SVG holds the n x n decoded digits over the grid's latent box. Exports and a resvg rendering of the
 * scatter export are kept in `test-results/screenshots/`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { classColor } from '../../src/pure/figures/palette.js';
import { readPngSize } from '../../src/pure/figures/png.js';
import { rasterizeSvg } from '../../src/png/rasterize.js';
import { axisDomain, embeddedPngSizes } from '../unit/renderer/figure-axes.js';
import { plotBox } from './explorer-page.js';
import { describeE2e, launchApp, SCREENSHOTS, type E2eApp } from './harness.js';

let app: E2eApp;
let page: Page;

/** Opens `scope`'s Export menu, clicks `item` and returns the downloaded file. */
async function exportFrom(scope: Locator, item: string): Promise<{ file: Download; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await scope.getByTestId('export-button').click();
  await scope.getByTestId(item).click();
  const file = await download;
  const bytes = readFileSync((await file.path())!);
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, `export-${file.suggestedFilename()}`), bytes);
  return { file, bytes };
}

/** Waits until the scatter's domain attributes stop changing, then returns them. */
async function settledDomain(): Promise<{ x: [number, number]; y: [number, number] }> {
  const read = async () =>
    `${await page.getByTestId('scatter').getAttribute('data-x-domain')}|${await page.getByTestId('scatter').getAttribute('data-y-domain')}`;
  let last = '';
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(150);
    const now = await read();
    if (now === last) break;
    last = now;
  }
  const [x, y] = last.split('|').map((s) => s.split(',').map(Number) as [number, number]);
  return { x: x!, y: y! };
}

describeE2e('export', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
    page = app.page;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])', { timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the scatter exports the view as seen: the zoomed domain, without a hidden class', async () => {
    const box = await plotBox(page);
    await page.mouse.move(box.left + box.width * 0.45, box.top + box.height * 0.55);
    await page.mouse.wheel(0, -300);
    const hiddenClass = 1;
    const shown0 = Number(await page.getByTestId('scatter').getAttribute('data-shown'));
    await page.getByTestId('legend').locator(`button[data-class="${hiddenClass}"]`).click();
    await expect.poll(async () => Number(await page.getByTestId('scatter').getAttribute('data-shown'))).toBeLessThan(shown0);
    const view = await settledDomain();
    expect(view.x[1] - view.x[0]).toBeLessThan(box.x1 - box.x0);
    // A click puts the decode crosshair on the map; the export must show it.
    await page.mouse.click(box.left + box.width * 0.4, box.top + box.height * 0.5);
    expect(await settledDomain()).toEqual(view);
    await page.mouse.move(5, 5);
    await app.screenshot('export-scatter-view');

    const scope = page.locator('.legend-row');
    const { file, bytes } = await exportFrom(scope, 'export-svg');
    expect(file.suggestedFilename()).toBe('latent-scatter.svg');
    const svg = bytes.toString('utf8');
    const [x0, x1] = axisDomain(svg, 'x');
    const [y0, y1] = axisDomain(svg, 'y');
    const tol = (view.x[1] - view.x[0]) * 1e-3;
    expect(Math.abs(x0 - view.x[0])).toBeLessThan(tol);
    expect(Math.abs(x1 - view.x[1])).toBeLessThan(tol);
    expect(Math.abs(y0 - view.y[0])).toBeLessThan(tol);
    expect(Math.abs(y1 - view.y[1])).toBeLessThan(tol);
    expect(svg).not.toContain(classColor(hiddenClass));
    expect(svg).not.toContain(`aria-label="legend ${hiddenClass}"`);
    expect(svg).toContain(`aria-label="legend ${hiddenClass + 1}"`);
    // The decode crosshair the explorer shows is in the export too.
    expect(svg).toContain('aria-label="marker cross"');

    const rendered = rasterizeSvg(svg, { scale: 1 });
    writeFileSync(join(SCREENSHOTS, 'export-latent-scatter-resvg.png'), rendered.png);

    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)![1]);
    const png = await exportFrom(scope, 'export-png-2');
    expect(png.file.suggestedFilename()).toBe('latent-scatter@2x.png');
    expect(readPngSize(new Uint8Array(png.bytes))).toEqual({ width: width * 2, height: height * 2 });
  });

  it('the manifold grid exports its n x n decoded digits over the latent box it shows', async () => {
    const gridFrame = page.locator('[data-n]');
    await expect.poll(async () => Number(await gridFrame.getAttribute('data-n')), { timeout: 20_000 }).toBe(20);
    const view = await settledDomain();
    await expect
      .poll(async () => (await gridFrame.getAttribute('data-domain'))!.split(',').map(Number)[0]!, { timeout: 20_000 })
      .toBeCloseTo(view.x[0], 6);
    const [gx0, gx1, gy0, gy1] = (await gridFrame.getAttribute('data-domain'))!.split(',').map(Number);
    const scope = page.getByTestId('grid-panel');
    await scope.scrollIntoViewIfNeeded();
    await app.screenshot('export-grid-view');
    const { file, bytes } = await exportFrom(scope, 'export-svg');
    expect(file.suggestedFilename()).toBe('manifold-grid-20x20.svg');
    const svg = bytes.toString('utf8');
    expect(embeddedPngSizes(svg)).toEqual([{ width: 20 * 28, height: 20 * 28 }]);
    expect(svg).toContain('aria-label="decoded grid 20x20"');
    const [x0, x1] = axisDomain(svg, 'x');
    const [y0, y1] = axisDomain(svg, 'y');
    const tol = (gx1! - gx0!) * 1e-3;
    expect(Math.abs(x0 - gx0!)).toBeLessThan(tol);
    expect(Math.abs(x1 - gx1!)).toBeLessThan(tol);
    expect(Math.abs(y0 - gy0!)).toBeLessThan(tol);
    expect(Math.abs(y1 - gy1!)).toBeLessThan(tol);
  });

  it('the interpolation exports its latent row over its pixel row, A and B named', async () => {
    await page.getByTestId('interp-a').fill('3');
    await page.getByTestId('interp-a').press('Enter');
    await page.getByTestId('interp-b').fill('17');
    await page.getByTestId('interp-b').press('Enter');
    const scope = page.getByTestId('interp-panel');
    await scope.getByTestId('export-button').waitFor({ timeout: 20_000 });
    const { file, bytes } = await exportFrom(scope, 'export-svg');
    expect(file.suggestedFilename()).toBe('interpolation.svg');
    const svg = bytes.toString('utf8');
    expect(svg).toContain('#3');
    expect(svg).toContain('#17');
    const steps = Number(await page.getByTestId('interp-steps').inputValue());
    const digits = embeddedPngSizes(svg).reduce((sum, png) => sum + Math.round(png.width / 28) * Math.round(png.height / 28), 0);
    expect(digits).toBe(2 * steps);
    // With A and B set, the scatter export carries their rings and the path between them.
    const scatter = (await exportFrom(page.locator('.legend-row'), 'export-svg')).bytes.toString('utf8');
    expect(scatter).toContain('aria-label="path"');
  });

  it('the compare view exports each pane as its own scatter, named after its run', async () => {
    await page.getByTestId('tab-compare').click();
    await page.waitForSelector('[data-testid=scatter-left]:not([data-shown="0"])', { timeout: 60_000 });
    const box = await plotBox(page, 'scatter-left');
    await expect.poll(async () => page.getByTestId('compare-left').getByTestId('export-button').count(), { timeout: 20_000 }).toBe(1);
    const { bytes } = await exportFrom(page.getByTestId('compare-left'), 'export-svg');
    const svg = bytes.toString('utf8');
    const [x0, x1] = axisDomain(svg, 'x');
    const tol = (box.x1 - box.x0) * 1e-3;
    expect(Math.abs(x0 - box.x0)).toBeLessThan(tol);
    expect(Math.abs(x1 - box.x1)).toBeLessThan(tol);
    expect(svg).toContain('<title>');
    await app.screenshot('export-compare-view');
    await page.getByTestId('tab-explore').click();
    expect(app.pageErrors).toEqual([]);
  });
});
