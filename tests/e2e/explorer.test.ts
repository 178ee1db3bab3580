/**
 * The explorer in a real Chromium against the real serve mode: clicks and drags on the scatter decode the
 * clicked latent point, interpolation and the legend do what they show. Screenshots of each view are kept in
 * `test-results/screenshots/` as artefacts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, canvasGrey, latentAt, maxDiff, nearest, pageAt, pixelOf, plotBox, stripCell } from './explorer-page.js';
import { describeE2e, launchApp, type E2eApp } from './harness.js';

let app: E2eApp;
let page: Page;

async function decodedPoint(page: Page, afterVersion: number): Promise<{ point: [number, number]; version: number }> {
  const frame = page.locator('[data-version]').first();
  await expect.poll(async () => Number(await frame.getAttribute('data-version')), { timeout: 20_000 }).toBeGreaterThan(afterVersion);
  // Let a drag settle: the coalescer may still be sending the latest point.
  let last = '';
  for (;;) {
    await page.waitForTimeout(150);
    const now = `${await frame.getAttribute('data-point')}|${await frame.getAttribute('data-version')}`;
    if (now === last) break;
    last = now;
  }
  const [p, v] = last.split('|');
  const [x, y] = p.split(',').map(Number);
  return { point: [x, y], version: Number(v) };
}

async function version(page: Page): Promise<number> {
  return Number((await page.locator('[data-version]').first().getAttribute('data-version')) ?? 0);
}

describeE2e('explorer', () => {
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

  it('clicking the scatter shows the decode of the clicked latent point', async () => {
    const box = await plotBox(page);
    const px = box.left + box.width * 0.42,
      py = box.top + box.height * 0.55;
    const v0 = await version(page);
    await page.mouse.click(px, py);
    const { point } = await decodedPoint(page, v0);
    const [ex, ey] = latentAt(box, px, py);
    const pixel = (box.x1 - box.x0) / box.width;
    expect(Math.abs(point[0] - ex)).toBeLessThan(pixel);
    expect(Math.abs(point[1] - ey)).toBeLessThan(pixel);
    const shown = await canvasGrey(page, 'decoded');
    expect([shown.width, shown.height]).toEqual([28, 28]);
    const res = await callApi(page, 'decode', { 'points:f32': point });
    expect(shown.grey).toEqual(res.images);
    expect(await page.getByTestId('decoded').evaluate((c) => getComputedStyle(c).imageRendering)).toBe('pixelated');
  });

  it('dragging the crosshair updates the decoded image continuously and ends on the decode of the release point', async () => {
    const box = await plotBox(page);
    const before = await canvasGrey(page, 'decoded');
    const startPoint = (await decodedPoint(page, -1)).point;
    const [sx, sy] = pageAt(box, startPoint[0], startPoint[1]);
    const v0 = await version(page);
    const tx = box.left + box.width * 0.7,
      ty = box.top + box.height * 0.3;
    await page.mouse.move(sx, sy);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(sx + ((tx - sx) * i) / 12, sy + ((ty - sy) * i) / 12);
      await page.waitForTimeout(40);
    }
    await page.mouse.up();
    const { point, version: v1 } = await decodedPoint(page, v0);
    expect(v1 - v0).toBeGreaterThanOrEqual(2);
    const after = await plotBox(page);
    expect(after.x0).toBeCloseTo(box.x0, 9); // the drag moved the crosshair, not the map
    const [ex, ey] = latentAt(box, tx, ty);
    const pixel = (box.x1 - box.x0) / box.width;
    expect(Math.abs(point[0] - ex)).toBeLessThan(pixel);
    expect(Math.abs(point[1] - ey)).toBeLessThan(pixel);
    const shown = await canvasGrey(page, 'decoded');
    expect(maxDiff(shown.grey, before.grey)).toBeGreaterThan(30);
    expect(shown.grey).toEqual((await callApi(page, 'decode', { 'points:f32': point })).images);
  });

  it('arrow keys nudge the crosshair', async () => {
    const { point: p0, version: v0 } = await decodedPoint(page, -1);
    await page.getByTestId('scatter').focus();
    await page.keyboard.press('Shift+ArrowRight');
    const { point: p1 } = await decodedPoint(page, v0);
    expect(p1[0]).toBeGreaterThan(p0[0]);
    expect(p1[1]).toBeCloseTo(p0[1], 6);
  });

  it('interpolation endpoints equal the two samples’ reconstructions and the pixel midpoint is their mean', async () => {
    const a = 7,
      b = 60_123;
    await page.getByTestId('interp-a').fill(String(a));
    await page.getByTestId('interp-a').press('Enter');
    await page.getByTestId('interp-b').fill(String(b));
    await page.getByTestId('interp-b').press('Enter');
    await page.getByTestId('interp-steps').fill('11');
    await page.getByTestId('interp-steps').press('Enter');
    await expect.poll(async () => (await canvasGrey(page, 'interp-latent')).width, { timeout: 20_000 }).toBe(11 * 29 - 1);
    await expect.poll(async () => Math.max(...(await canvasGrey(page, 'interp-pixel')).grey), { timeout: 20_000 }).toBeGreaterThan(100);
    const latent = await canvasGrey(page, 'interp-latent');
    const pixel = await canvasGrey(page, 'interp-pixel');
    const recon = (await callApi(page, 'reconstruct', { 'indices:u32': [a, b] })).images as number[];
    expect(maxDiff(stripCell(latent, 0), recon.slice(0, 784))).toBeLessThanOrEqual(2);
    expect(maxDiff(stripCell(latent, 10), recon.slice(784))).toBeLessThanOrEqual(2);
    const originals = (await callApi(page, 'images', { 'indices:u32': [a, b] })).images as number[];
    expect(stripCell(pixel, 0)).toEqual(originals.slice(0, 784));
    expect(stripCell(pixel, 10)).toEqual(originals.slice(784));
    const mean = originals.slice(0, 784).map((v, i) => (v + originals[784 + i]) / 2);
    expect(maxDiff(stripCell(pixel, 5), mean)).toBeLessThanOrEqual(0.5);
    // The slider at t = 0.5 shows the same mean beside the latent decode.
    await page.getByTestId('interp-t').fill('0.5');
    expect(maxDiff((await canvasGrey(page, 't-pixel')).grey, mean)).toBeLessThanOrEqual(0.5);
    await app.screenshot('explorer-interpolation');
  });

  it('shift-clicking two points picks them as the interpolation samples', async () => {
    const box = await plotBox(page);
    const samples = [12, 61_000];
    // Mouse events land on whole pixels; the pick is the shown point nearest that pixel.
    const clicks: [number, number][] = [];
    const expected: string[] = [];
    for (const i of samples) {
      const [px, py] = (await pixelOf(page, 'main', i))!;
      const [cx, cy] = [Math.round(box.left + px), Math.round(box.top + py)];
      clicks.push([cx, cy]);
      expected.push(String(await nearest(page, 'main', cx - box.left, cy - box.top)));
    }
    await page.keyboard.down('Shift');
    for (const [cx, cy] of clicks) await page.mouse.click(cx, cy);
    await page.keyboard.up('Shift');
    await expect
      .poll(async () => [await page.getByTestId('interp-a').inputValue(), await page.getByTestId('interp-b').inputValue()])
      .toEqual(expected);
  });

  it('the legend filter hides a class from the scatter and shows it again', async () => {
    await page.mouse.move(5, 5);
    const countColour = () =>
      page.getByTestId('scatter').evaluate((el) => {
        const c = el.querySelector('canvas')!;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        // Class 1's colour, as the palette defines it.
        const legendSwatch = getComputedStyle(document.querySelector('[data-testid=legend] [data-class="1"] span')!).backgroundColor;
        const [r, g, b] = legendSwatch.match(/\d+/g)!.map(Number);
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] === r && d[i + 1] === g && d[i + 2] === b) n++;
        return n;
      });
    const shown = async () => Number(await page.getByTestId('scatter').getAttribute('data-shown'));
    const before = await countColour();
    const n0 = await shown();
    expect(before).toBeGreaterThan(500);
    const button = page.getByTestId('legend').locator('button', { hasText: '1' });
    await button.click();
    await expect.poll(countColour).toBe(0);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    const n1 = await shown();
    expect(n1).toBeLessThan(n0 * 0.95);
    await app.screenshot('explorer-legend-filter');
    await button.click();
    await expect.poll(shown).toBe(n0);
    expect(await countColour()).toBe(before);
  });

  it('the manifold grid decodes an n x n grid over the visible region and follows zoom', async () => {
    const gridFrame = page.locator('[data-n]');
    await expect.poll(async () => Number(await gridFrame.getAttribute('data-n')), { timeout: 20_000 }).toBe(20);
    const box = await plotBox(page);
    const domain0 = await gridFrame.getAttribute('data-domain');
    const grid = await canvasGrey(page, 'grid');
    expect([grid.width, grid.height]).toEqual([20 * 28, 20 * 28]);
    const [x0, x1, y0, y1] = domain0!.split(',').map(Number);
    expect(x0).toBeCloseTo(box.x0, 6);
    expect(y1).toBeCloseTo(box.y1, 6);
    // Top-left tile = decode of the top-left cell centre.
    const c = [x0 + (x1 - x0) / 40, y1 - (y1 - y0) / 40];
    const tile = (await callApi(page, 'decode', { 'points:f32': c })).images as number[];
    const shown: number[] = [];
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) shown.push(grid.grey[y * grid.width + x]);
    expect(maxDiff(shown, tile)).toBeLessThanOrEqual(2);
    await page.getByTestId('grid').scrollIntoViewIfNeeded();
    await app.screenshot('explorer-grid');
    await page.mouse.move(box.left + box.width / 2, box.top + box.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => gridFrame.getAttribute('data-domain'), { timeout: 20_000 }).not.toBe(domain0);
    const zoomed = (await gridFrame.getAttribute('data-domain'))!.split(',').map(Number);
    expect(zoomed[1] - zoomed[0]).toBeLessThan((x1 - x0) * 0.8);
  });

  it('zoomed in far enough, points become thumbnails of their digits', async () => {
    const box = await plotBox(page);
    for (let i = 0; i < 10; i++) {
      await page.mouse.move(box.left + box.width / 2, box.top + box.height / 2);
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(60);
    }
    const thumbs = () =>
      page.evaluate(
        () => (window as unknown as { __explorer: { main: { view: { lastThumbnails: number } } } }).__explorer.main.view.lastThumbnails,
      );
    await expect.poll(thumbs, { timeout: 20_000 }).toBeGreaterThan(0);
    await app.screenshot('explorer-thumbnails');
    await page.getByTestId('thumbnails').uncheck();
    await expect.poll(thumbs).toBe(0);
    await page.getByTestId('thumbnails').check();
  });

  it('state survives a reload: samples, zoom and filter', async () => {
    const box = await plotBox(page);
    const pair = [await page.getByTestId('interp-a').inputValue(), await page.getByTestId('interp-b').inputValue()];
    await page.waitForTimeout(400);
    await page.reload();
    await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])', { timeout: 60_000 });
    await expect
      .poll(async () => [await page.getByTestId('interp-a').inputValue(), await page.getByTestId('interp-b').inputValue()])
      .toEqual(pair);
    const again = await plotBox(page);
    const span = box.x1 - box.x0;
    expect(Math.abs(again.x0 - box.x0)).toBeLessThan(span * 0.01);
    expect(Math.abs(again.x1 - box.x1)).toBeLessThan(span * 0.01);
  });

  it('drawing on the pad encodes the drawing, shows its reconstruction and marks its code on the map', async () => {
    const pad = (await page.getByTestId('draw-pad').boundingBox())!;
    // A "7": a top bar and a diagonal stroke.
    const pts: [number, number][] = [
      [0.25, 0.2],
      [0.75, 0.2],
      [0.45, 0.85],
    ];
    await page.mouse.move(pad.x + pad.width * pts[0][0], pad.y + pad.height * pts[0][1]);
    await page.mouse.down();
    for (const [fx, fy] of pts.slice(1)) await page.mouse.move(pad.x + pad.width * fx, pad.y + pad.height * fy, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => Math.max(...(await canvasGrey(page, 'draw-recon')).grey), { timeout: 20_000 }).toBeGreaterThan(40);
    await page.waitForTimeout(300);
    const input = (await canvasGrey(page, 'draw-input')).grey;
    expect(Math.max(...input)).toBeGreaterThan(200);
    const res = await callApi(page, 'encode', { 'image:u8': input });
    expect(maxDiff((await canvasGrey(page, 'draw-recon')).grey, res.reconstruction as number[])).toBe(0);
    await expect(page.locator('[data-testid=scatter] path.star').count()).resolves.toBe(1);
  });

  it('the compare view shows two runs side by side with a linked sample selection, a 3-D one as a PCA projection', async () => {
    const before = await plotBox(page);
    // A second, 3-D model: trained here through the API, small enough for a test.
    const config = {
      name: 'e2e 3-D',
      arch: 'dense',
      latent: 3,
      hidden: [64],
      filters: [],
      activation: 'relu',
      loss: 'bce',
      noise: { kind: 'gaussian', level: 0 },
      beta: 1,
      contraction: 0,
      learningRate: 0.002,
      batchSize: 128,
      epochs: 1,
      seed: 7,
      limit: 1024,
    };
    const { runId } = (await callApi(page, 'startTraining', { config })) as { runId: string };
    const listRuns = () =>
      page.evaluate(async () =>
        (await (window as unknown as { __explorer: { api: { listRuns(): Promise<{ id: string }[]> } } }).__explorer.api.listRuns()).map(
          (r) => r.id,
        ),
      );
    await expect.poll(listRuns, { timeout: 150_000, interval: 1000 }).toContain(runId);
    await page.getByTestId('split-all').click();
    await page.getByTestId('tab-compare').click();
    await expect.poll(() => page.locator('[data-testid=compare-right] option').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid=compare-right] select').selectOption(runId);
    await page.waitForSelector('[data-testid=scatter-left]:not([data-shown="0"])', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=scatter-right]:not([data-shown="0"])', { timeout: 60_000 });
    await expect(page.getByTestId('compare-right').textContent()).resolves.toContain('PCA projection');
    const left = await plotBox(page, 'scatter-left');
    const [px, py] = (await pixelOf(page, 'left', 5))!;
    const [cx, cy] = [Math.round(left.left + px), Math.round(left.top + py)];
    const idx = await nearest(page, 'left', cx - left.left, cy - left.top);
    expect(idx).not.toBeNull();
    await page.mouse.click(cx, cy);
    const runs = (await page
      .locator('[data-testid=compare-left] select, [data-testid=compare-right] select')
      .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value))) as string[];
    expect(runs[1]).toBe(runId);
    expect(runs[0]).not.toBe(runId);
    for (const [side, id] of [
      ['left', runs[0]],
      ['right', runs[1]],
    ] as const) {
      await expect
        .poll(async () => Math.max(...(await canvasGrey(page, `compare-recon-${side}`)).grey), { timeout: 20_000 })
        .toBeGreaterThan(60);
      const recon = (await callApi(page, 'reconstruct', { 'indices:u32': [idx], runId: id })).images;
      expect((await canvasGrey(page, `compare-recon-${side}`)).grey).toEqual(recon);
    }
    await app.screenshot('explorer-compare');
    await page.getByTestId('tab-explore').click();
    await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])');
    // Back on the explorer, the map shows the region it showed before.
    const back = await plotBox(page);
    expect(back.x0).toBeCloseTo(before.x0, 6);
    expect(back.y1).toBeCloseTo(before.y1, 6);
    // Choosing the 3-D model in the explorer opens it: a PCA plane, said on the plot and in the status bar.
    await page.getByTestId('run-select').selectOption(runId);
    await expect.poll(() => page.getByTestId('scatter').textContent(), { timeout: 60_000 }).toContain('PCA projection');
    await expect.poll(() => page.getByTestId('status-model').textContent(), { timeout: 20_000 }).toBe('e2e 3-D');
    await page.mouse.click(back.left + back.width * 0.5, back.top + back.height * 0.5);
    await page.waitForTimeout(500);
    await app.screenshot('explorer-main');
  });
});
