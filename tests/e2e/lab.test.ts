/**
 * The latent lab in a real Chromium against serve mode, on a small 4-D VAE trained here: choosing principal
 * components 3 and 4 redraws the map and the probe decodes the engine's code of that plane point; a free path
 * from a clicked point to a drawn digit ends at the two; the VAE's prior samples and quantile grid are shown.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatNats, klOrder } from '../../src/pure/figures/kl-bars.js';
import { liftFrom } from '../../src/pure/latent/plane-basis.js';
import { callApi, canvasGrey, latentAt, maxDiff, plotBox, stripCell } from './explorer-page.js';
import { describeE2e, launchApp, type E2eApp } from './harness.js';

let app: E2eApp;
let page: Page;
let runId: string;

type Plane = { d: number; origin: number[]; u: number[]; v: number[]; x: number[]; y: number[] };
const asPlane = (r: Record<string, unknown>): Plane => ({
  ...(r as unknown as Plane),
  origin: r.origin as number[],
  u: r.u as number[],
  v: r.v as number[],
});
const basis = (p: Plane) => ({ d: p.d, origin: Float32Array.from(p.origin), u: Float32Array.from(p.u), v: Float32Array.from(p.v) });

async function labState(page: Page): Promise<{ probe: number[] | null; waypoints: unknown[] }> {
  return page.evaluate(() => {
    const lab = (window as unknown as { __explorer: { lab: { lab: { probe: number[] | null; waypoints: unknown[] } } } }).__explorer.lab
      .lab;
    return { probe: lab.probe ? [...lab.probe] : null, waypoints: [...lab.waypoints] };
  });
}

describeE2e('latent lab', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 1000 } });
    page = app.page;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])', { timeout: 60_000 });
    const config = {
      name: 'e2e VAE 4-D',
      arch: 'vae',
      latent: 4,
      hidden: [64],
      filters: [],
      activation: 'relu',
      loss: 'bce',
      noise: { kind: 'gaussian', level: 0 },
      beta: 1,
      contraction: 0,
      learningRate: 0.003,
      batchSize: 64,
      epochs: 1,
      seed: 5,
      limit: 2048,
    };
    runId = ((await callApi(page, 'startTraining', { config })) as { runId: string }).runId;
    const listRuns = () =>
      page.evaluate(async () =>
        (await (window as unknown as { __explorer: { api: { listRuns(): Promise<{ id: string }[]> } } }).__explorer.api.listRuns()).map(
          (r) => r.id,
        ),
      );
    // expect.poll belongs inside tests: wait by hand here.
    for (let waited = 0; !(await listRuns()).includes(runId); waited += 1000) {
      if (waited > 150_000) throw new Error('the tiny VAE did not finish training');
      await page.waitForTimeout(1000);
    }
    await page.getByTestId('run-select').selectOption(runId);
    await page.waitForFunction(() => document.querySelector('[data-testid=status-model]')?.textContent === 'e2e VAE 4-D', null, {
      timeout: 20_000,
    });
    await page.getByTestId('tab-lab').click();
    await page.waitForSelector('[data-testid=scatter-lab]:not([data-shown="0"])', { timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  it('choosing principal components 3 and 4 redraws the map, and the probe decodes the engine code of the clicked plane point', async () => {
    await page.getByTestId('plane-i').selectOption('2');
    await page.getByTestId('plane-j').selectOption('3');
    await expect.poll(() => page.getByTestId('lab-map').getAttribute('data-plane')).toBe(JSON.stringify({ kind: 'pca', i: 2, j: 3 }));
    await expect.poll(() => page.getByTestId('scatter-lab').textContent(), { timeout: 20_000 }).toContain('PC 3 × PC 4');
    const plane = asPlane(await callApi(page, 'latentPlane', { plane: { kind: 'pca', i: 2, j: 3 } }));
    // The map is redrawn on the engine's coordinates of this plane: its axes span them. (Its extent need not change:
    // with the prior's contours shown, a VAE's map can span the same 3-sigma circle on every plane.)
    const xs = plane.x.slice(0, 5000);
    await expect
      .poll(
        async () => {
          const b = await plotBox(page, 'scatter-lab');
          return b.x0 <= Math.min(...xs) + 1e-6 && b.x1 >= Math.max(...xs) - 1e-6;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const box = await plotBox(page, 'scatter-lab');
    const px = box.left + box.width * 0.4;
    const py = box.top + box.height * 0.6;
    await page.mouse.click(px, py);
    await expect.poll(async () => (await labState(page)).probe?.length ?? 0).toBe(4);
    const { probe } = await labState(page);
    const [ex, ey] = latentAt(box, px, py);
    const want = liftFrom(basis(plane), [ex, ey]);
    const pixel = (box.x1 - box.x0) / box.width;
    probe!.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(2 * pixel));
    const engine = (await callApi(page, 'decodeLatent', { 'codes:f32': probe })).images as number[];
    await expect.poll(async () => maxDiff((await canvasGrey(page, 'lab-decoded')).grey, engine), { timeout: 20_000 }).toBe(0);
    // A traversal strip of z2 around the probe: 9 decodes.
    await expect.poll(async () => (await canvasGrey(page, 'traversal-strip')).width, { timeout: 20_000 }).toBe(9 * 28 + 8);
    await app.screenshot('lab-pca34');
  });

  it('a free path from a clicked point to a drawn digit starts at the one and ends at the other', async () => {
    await page.getByTestId('draw-pad').scrollIntoViewIfNeeded();
    const pad = (await page.getByTestId('draw-pad').boundingBox())!;
    const pts: [number, number][] = [
      [0.25, 0.2],
      [0.75, 0.2],
      [0.45, 0.85],
    ];
    await page.mouse.move(pad.x + pad.width * pts[0][0], pad.y + pad.height * pts[0][1]);
    await page.mouse.down();
    for (const [fx, fy] of pts.slice(1)) await page.mouse.move(pad.x + pad.width * fx, pad.y + pad.height * fy, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('add-drawn').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.waitForTimeout(500);
    await page.getByTestId('add-probe').click();
    await page.getByTestId('add-drawn').click();
    await page.waitForSelector('[data-testid=path-latent]', { timeout: 20_000 });
    const { probe } = await labState(page);
    const drawing = (await canvasGrey(page, 'draw-input')).grey;
    const drawnCode = (await callApi(page, 'encodeLatent', { 'images:u8': drawing })).codes as number[];
    const points = Number(await page.locator('[data-points]').getAttribute('data-points'));
    expect(points).toBe(8);
    const latent = await canvasGrey(page, 'path-latent');
    const first = (await callApi(page, 'decodeLatent', { 'codes:f32': probe })).images as number[];
    const last = (await callApi(page, 'decodeLatent', { 'codes:f32': drawnCode })).images as number[];
    expect(maxDiff(stripCell(latent, 0), first)).toBe(0);
    expect(maxDiff(stripCell(latent, points - 1), last)).toBe(0);
    // The pixel row blends the probe's decode into the drawing itself.
    const pixel = await canvasGrey(page, 'path-pixel');
    expect(maxDiff(stripCell(pixel, 0), first)).toBe(0);
    expect(maxDiff(stripCell(pixel, points - 1), drawing)).toBe(0);
    // Spherical by default for a VAE.
    await expect(page.getByTestId('path-mode').inputValue()).resolves.toBe('spherical');
    await page.getByTestId('path-panel').scrollIntoViewIfNeeded();
    await app.screenshot('lab-free-path');
  });

  it('shows the VAE prior: seeded samples, the quantile grid, contours on the map; centroids are marked', async () => {
    const prior = (await callApi(page, 'priorSamples', { seed: 1, count: 16 })).images as number[];
    await expect.poll(async () => (await canvasGrey(page, 'prior-samples')).width, { timeout: 20_000 }).toBe(16 * 28 + 15);
    const shown = await canvasGrey(page, 'prior-samples');
    for (const i of [0, 7, 15]) expect(maxDiff(stripCell(shown, i), prior.slice(i * 784, (i + 1) * 784))).toBe(0);
    await expect.poll(async () => (await canvasGrey(page, 'quantile-grid')).width, { timeout: 20_000 }).toBe(280);
    await expect(page.locator('[data-testid=scatter-lab] ellipse.contour').count()).resolves.toBe(3);
    await expect.poll(() => page.locator('[data-testid=scatter-lab] g.label.centroid').count(), { timeout: 20_000 }).toBe(10);
    // Dimensions in use: the count the panel states is that of the engine's activity above 0.01.
    const plane = await callApi(page, 'latentPlane', { plane: { kind: 'pca', i: 2, j: 3 } });
    const inUse = (plane.activity as number[]).filter((v) => v > 0.01).length;
    await expect(page.getByTestId('activity-panel').getAttribute('data-in-use')).resolves.toBe(String(inUse));
    await page.getByTestId('lab').evaluate((el) => el.querySelector('aside')?.scrollTo(0, 10_000));
    await app.screenshot('lab-vae');
  });

  it("the KL panel shows a bar per latent dimension with the engine's nats, sorts them, and exports the chart", async () => {
    await page.getByTestId('kl-panel').scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('kl-panel').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    const engine = await callApi(page, 'latentKl', { runId });
    expect(engine.available).toBe(true);
    const kl = engine.kl as number[];
    expect(kl.length).toBe(4);
    const chart = page.getByTestId('kl-chart');
    await expect(chart.getAttribute('data-dims')).resolves.toBe('4');
    const chartSvg = async () =>
      decodeURIComponent(((await chart.getAttribute('src')) ?? '').replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    const bars = (svg: string) => [...svg.matchAll(/<g aria-label="(z_\d+)"/g)].map((m) => m[1]);
    expect(bars(await chartSvg())).toEqual(['z_1', 'z_2', 'z_3', 'z_4']);
    for (const v of kl) expect(await chartSvg()).toContain(`>${formatNats(v)}</text>`);
    await expect(page.getByTestId('kl-summary').textContent()).resolves.toContain(`Total ${(engine.total as number).toFixed(2)} nats`);
    await page.getByTestId('kl-panel').scrollIntoViewIfNeeded();
    await app.screenshot('lab-kl');
    await page.getByTestId('kl-sorted').check();
    await expect.poll(async () => bars(await chartSvg())).toEqual(klOrder(kl).map((j) => `z_${j + 1}`));
    const download = page.waitForEvent('download');
    await page.getByTestId('kl-panel').locator('[data-testid=export-button]').click();
    await page.getByTestId('kl-panel').locator('[data-testid=export-svg]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^latent-kl.*\.svg$/);
    const exported = readFileSync((await file.path())!, 'utf8');
    expect(exported).toContain('aria-label="KL per latent dimension"');
    expect(bars(exported)).toHaveLength(4);
    await page.getByTestId('kl-sorted').uncheck();
  });

  it('the transformation lab shows each rotated input beside its reconstruction, and traces their codes on the map', async () => {
    const amounts = Array.from({ length: 9 }, (_, i) => (90 * i) / 8);
    const want = await callApi(page, 'transformPath', { index: 0, kind: 'rotate', amounts });
    await expect.poll(async () => (await canvasGrey(page, 'transform-recons')).width, { timeout: 20_000 }).toBe(9 * 28 + 8);
    for (const key of ['inputs', 'recons', 'latent', 'pixel'] as const) {
      const shown = await canvasGrey(page, `transform-${key}`);
      const bytes = want[{ inputs: 'inputs', recons: 'reconstructions', latent: 'latent', pixel: 'pixel' }[key]] as number[];
      for (const i of [0, 4, 8]) expect(maxDiff(stripCell(shown, i), bytes.slice(i * 784, (i + 1) * 784))).toBe(0);
    }
    await expect(page.locator('[data-testid=scatter-lab] circle.trail-dot').count()).resolves.toBe(9);
    await page.getByTestId('transform-panel').scrollIntoViewIfNeeded();
    await app.screenshot('lab-transform');
  });

  it('inpainting by search shows each step beside the one-pass and nearest-image baselines, as the engine computes them', async () => {
    await page.getByTestId('inpaint-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('mask-bottom').click();
    await page.getByTestId('inpaint-run').click();
    await page.waitForSelector('[data-testid=inpaint-result]', { timeout: 30_000 });
    const mask = Array.from({ length: 784 }, (_, i) => (i >= 392 ? 1 : 0));
    const want = await callApi(page, 'inpaint', { index: 60_000, 'mask:u8': mask, steps: 100 });
    for (const key of ['masked', 'onePass', 'search', 'nearest'] as const)
      expect(maxDiff((await canvasGrey(page, `inpaint-${key}`)).grey, want[key] as number[])).toBe(0);
    const steps = want.snapshotSteps as number[];
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(100);
    const loss = want.visibleLoss as number[];
    expect(loss[100]!).toBeLessThan(loss[0]!);
    await expect(page.getByTestId('inpaint-error-search').textContent()).resolves.toBe(
      (want.hiddenError as { search: number }).search.toFixed(4),
    );
    await page.getByTestId('inpaint-result').scrollIntoViewIfNeeded();
    await app.screenshot('lab-inpaint');
  });

  it("the classifier's view shades the map by predicted class and names where the free path's prediction flips", async () => {
    await page.getByTestId('classifier-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('clf-shade').check();
    await expect.poll(() => page.getByTestId('classifier-panel').getAttribute('data-shade'), { timeout: 30_000 }).not.toBe('');
    await expect(page.locator('[data-testid=scatter-lab] image.shade').count()).resolves.toBe(1);
    // The free path made earlier: its predictions as the engine gives them on the decodes along it.
    const codes = await page.evaluate(() => {
      const w = window as unknown as { __explorer: { lab: { lab: { waypoints: unknown[] } } } };
      return w.__explorer.lab.lab.waypoints.length;
    });
    expect(codes).toBe(2);
    await page.waitForSelector('[data-testid=path-predictions]', { timeout: 20_000 });
    const shown = (await page.getByTestId('path-predictions').locator('span').allTextContents()).map(Number);
    expect(shown.length).toBe(8);
    const pathCodes = await page.evaluate(() =>
      Array.from((window as unknown as { __explorer: { lab: { labPath: { codes: Float32Array } } } }).__explorer.lab.labPath.codes),
    );
    const engine = (await callApi(page, 'classifyCodes', { 'codes:f32': pathCodes })).labels as number[];
    expect(shown).toEqual(engine);
    const flipsText = (await page.getByTestId('flips').textContent()) ?? '';
    const changes = shown.filter((l, i) => i > 0 && l !== shown[i - 1]).length;
    expect(changes === 0 ? /does not change/.test(flipsText) : flipsText.split(';').length === changes).toBe(true);
    await page.getByTestId('lab-map').scrollIntoViewIfNeeded();
    await app.screenshot('lab-classifier');
    // The shaded map exports like the others: the shading is in the SVG, over the dots.
    const download = page.waitForEvent('download');
    const menu = page.getByTestId('lab').locator('[data-testid=export-button]').first();
    await menu.click();
    await page.getByTestId('lab').locator('[data-testid=export-svg]').first().click();
    const svg = readFileSync((await (await download).path())!, 'utf8');
    expect(svg.includes('aria-label="shade"')).toBe(true);
    expect(svg.indexOf('aria-label="shade"')).toBeGreaterThan(svg.indexOf('aria-label="latent scatter"'));
  });

  it('speaks Spanish', async () => {
    await page.selectOption('[data-testid="lang"]', 'es');
    await expect.poll(() => page.getByTestId('tab-lab').textContent()).toContain('Laboratorio latente');
    await expect(page.getByTestId('code-panel').textContent()).resolves.toContain('El código de la sonda');
    await expect(page.getByTestId('scatter-lab').textContent()).resolves.toContain('códigos 4-D en CP 3 × CP 4');
    await page.getByTestId('lab').evaluate((el) => el.querySelector('aside')?.scrollTo(0, 0));
    await app.screenshot('lab-es');
    await page.selectOption('[data-testid="lang"]', 'en');
  });
});
