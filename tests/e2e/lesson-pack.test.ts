/**
 * First launch with an empty runs library: every lesson opens on its own model from the shipped lesson pack
 * (its name on screen), the PCA lesson's shipped linear model spans PCA's subspace (angles under 5 degrees) and
 * the shipped denoiser's output error is below its input's noise error. Screenshots:
 * `test-results/screenshots/pack-<lesson>.png`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeE2e, launchApp, type E2eApp } from './harness.js';

let app: E2eApp;
let page: Page;

async function lesson(id: string, testid: string): Promise<void> {
  await page.getByTestId('tab-teach').click();
  await page.getByTestId(`lesson-${id}`).click();
  await page.waitForSelector(`[data-testid=${testid}]`, { timeout: 30_000 });
}

/** The run a picker shows and the text the learner reads for it. */
async function picked(testid: string): Promise<{ id: string; text: string }> {
  const select = page.getByTestId(testid);
  await expect.poll(() => select.inputValue(), { timeout: 30_000 }).not.toBe('');
  return select.evaluate((s: HTMLSelectElement) => ({ id: s.value, text: s.selectedOptions[0]?.textContent ?? '' }));
}

async function expectPick(testid: string, id: string, name: RegExp): Promise<void> {
  const shown = await picked(testid);
  expect(shown.id).toBe(id);
  expect(shown.text).toMatch(name);
}

describeE2e('the lesson pack at first launch', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 960 } });
    page = app.page;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('[data-testid=tab-teach]', { timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('kernels: the default model beside the over-complete denoiser', async () => {
    await lesson('kernels', 'kernels');
    await expectPick('kernel-run-a', 'default', /Dense 784-512-128-2/);
    await expectPick('kernel-run-b', 'lesson-denoising', /Over-complete denoiser .*785k params/);
    await page.waitForSelector('[data-testid=kernel-grid-b]', { timeout: 60_000 });
    await app.screenshot('pack-kernels');
  });

  it('denoising: the shipped denoiser, whose output error is below the noise it was given', async () => {
    await lesson('denoise', 'denoise');
    await expectPick('denoise-run', 'lesson-denoising', /Over-complete denoiser/);
    const section = page.getByTestId('denoise');
    await expect.poll(() => section.getAttribute('data-output-error'), { timeout: 60_000 }).not.toBeNull();
    const noise = Number(await section.getAttribute('data-corrupted-error'));
    const output = Number(await section.getAttribute('data-output-error'));
    expect(output).toBeLessThan(noise);
    await app.screenshot('pack-denoise');
  });

  it('PCA vs AE: the shipped linear model spans the PCA subspace (principal angles under 5 degrees)', async () => {
    await lesson('pca', 'pca-compare');
    await expectPick('pca-run', 'lesson-linear', /Linear 784-2/);
    await page.waitForSelector('[data-testid=pca-compare][data-ready=true]', { timeout: 120_000 });
    const angles = (await page
      .locator('[data-testid=pca-angles] li')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-angle'))))) as number[];
    expect(angles).toHaveLength(2);
    for (const a of angles) expect(a).toBeLessThan(5);
    expect(await page.getByTestId('pca-not-linear').count()).toBe(0);
    await app.screenshot('pack-pca');
  });

  it('BCE vs MSE: one architecture trained with each loss', async () => {
    await lesson('loss', 'loss-compare');
    const section = page.getByTestId('loss-compare');
    await expect.poll(() => section.getAttribute('data-a'), { timeout: 30_000 }).toBe('lesson-dense-bce');
    expect(await section.getAttribute('data-b')).toBe('lesson-dense-mse');
    await page.waitForSelector('[data-testid=loss-compare][data-ready=true]', { timeout: 120_000 });
    expect(await page.getByTestId('loss-differ').count()).toBe(0);
    await app.screenshot('pack-loss');
  });

  it('dense vs conv: the same code size side by side, with parameter counts and the same digits', async () => {
    await lesson('dense-conv', 'dense-conv');
    await expectPick('model-run-dense', 'lesson-dense-bce', /Dense 784-256-2, BCE/);
    await expectPick('model-run-conv', 'lesson-conv', /Convolutional 16-32-2/);
    await page.waitForSelector('[data-testid=model-dense][data-ready=true]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=model-conv][data-ready=true]', { timeout: 60_000 });
    const indices = (slot: string) =>
      page
        .locator(`[data-testid=model-${slot}] [data-testid=recon-pair]`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-index')));
    expect(await indices('dense')).toEqual(await indices('conv'));
    expect(await page.getByTestId('model-params-dense').textContent()).toBe('404k');
    await app.screenshot('pack-dense-conv');
  });

  it('contractive: the penalised model responds less to its input than the plain one', async () => {
    await lesson('contractive', 'contractive');
    await expectPick('contractive-run-a', 'lesson-contractive', /Contractive 784-30-784/);
    await expectPick('contractive-run-b', 'lesson-plain-30', /Plain 784-30-784/);
    await page.waitForSelector('[data-testid=contractive][data-ready=true]', { timeout: 60_000 });
    const frob = async (slot: string) => Number(await page.getByTestId(`contractive-${slot}`).getAttribute('data-frobenius'));
    expect(await frob('a')).toBeLessThan(await frob('b'));
    await app.screenshot('pack-contractive');
  });

  it('the runs table lists the pack as shipped models, with parameter counts', async () => {
    await page.getByTestId('tab-runs').click();
    const row = page.locator('[data-testid=run-row][data-run-id="lesson-denoising"]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('run-params').textContent()).toBe('785k');
    expect(await page.locator('[data-testid=run-row][data-run-id^="lesson-"]').count()).toBe(8);
    await app.screenshot('pack-runs');
  });

  it('reconstructions: the default model, with its parameter count', async () => {
    await lesson('reconstructions', 'reconstructions');
    await expectPick('recon-run', 'default', /Dense 784-512-128-2 .*936k params/);
    await page.waitForSelector('[data-testid=reconstructions][data-ready=true]', { timeout: 120_000 });
    await app.screenshot('pack-reconstructions');
    expect(app.pageErrors).toEqual([]);
  });
});
