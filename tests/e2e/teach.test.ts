/**
 * The lessons in a real Chromium against serve mode, on the default model and on small models trained here
 * through the API on MNIST slices (a denoising, a linear, and a BCE/MSE pair of one architecture). Each test
 * interacts as a learner does and checks the numbers and pixels shown against the engine's own answers.
 * Screenshots go to `test-results/screenshots/teach-*.png`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { weightColor } from '../../renderer/lib/teach/kernel-image.js';
import { callApi, canvasGrey, maxDiff } from './explorer-page.js';
import { describeE2e, launchApp, type E2eApp } from './harness.js';

let app: E2eApp;
let page: Page;
const ids: Record<string, string> = {};

const base = { filters: [], activation: 'relu', noise: { kind: 'dropout', level: 0 }, beta: 1, contraction: 0, batchSize: 64, seed: 5 };
const CONFIGS = {
  denoising: {
    ...base,
    name: 'e2e denoising',
    arch: 'denoising',
    latent: 8,
    hidden: [64],
    loss: 'bce',
    noise: { kind: 'dropout', level: 0.4 },
    learningRate: 0.003,
    epochs: 2,
    limit: 4_000,
  },
  linear: {
    ...base,
    name: 'e2e linear',
    arch: 'linear',
    latent: 2,
    hidden: [],
    activation: 'linear',
    loss: 'mse',
    learningRate: 0.01,
    epochs: 3,
    limit: 6_000,
  },
  bce: {
    ...base,
    name: 'e2e dense BCE',
    arch: 'dense',
    latent: 8,
    hidden: [64],
    loss: 'bce',
    learningRate: 0.003,
    epochs: 2,
    limit: 4_000,
  },
  mse: {
    ...base,
    name: 'e2e dense MSE',
    arch: 'dense',
    latent: 8,
    hidden: [64],
    loss: 'mse',
    learningRate: 0.003,
    epochs: 2,
    limit: 4_000,
  },
};

/** Trains `config` through the page's own API client and waits for the run to be saved. */
async function train(page: Page, config: object): Promise<string> {
  return page.evaluate(async (config) => {
    const api = (
      window as unknown as {
        __explorer: {
          api: Record<string, (a?: unknown) => Promise<unknown>> & {
            onDidTrainEnd(l: (e: { runId: string; outcome: string }) => void): () => void;
          };
        };
      }
    ).__explorer.api;
    const ended = new Promise<{ runId: string; outcome: string }>((resolve) => {
      const off = api.onDidTrainEnd((e) => (off(), resolve(e)));
    });
    const { runId } = (await api.startTraining({ config })) as { runId: string };
    const end = await ended;
    if (end.outcome !== 'complete' || end.runId !== runId) throw new Error(`training ${runId} ended ${end.outcome}`);
    return runId;
  }, config);
}

async function lesson(id: string, testid: string): Promise<void> {
  await page.getByTestId('tab-teach').click();
  await page.getByTestId(`lesson-${id}`).click();
  await page.waitForSelector(`[data-testid=${testid}]`, { timeout: 30_000 });
}

const ready = (testid: string) => page.waitForSelector(`[data-testid=${testid}][data-ready=true]`, { timeout: 120_000 });

describeE2e('lessons', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 960 } });
    page = app.page;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('[data-testid=tab-teach]', { timeout: 60_000 });
    for (const [key, config] of Object.entries(CONFIGS)) ids[key] = await train(page, config);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reconstructions sorts the test set worst first by the engine errors, and the class histogram filters a class', async () => {
    await lesson('reconstructions', 'reconstructions');
    await page.getByTestId('recon-run').selectOption('default');
    await ready('reconstructions');
    const report = (await callApi(page, 'reconstructionReport', { runId: 'default', split: 'test' })) as {
      indices: number[];
      errors: number[];
      labels: number[];
    };
    const worst = report.indices
      .map((index, i) => ({ index, e: report.errors[i], label: report.labels[i] }))
      .sort((a, b) => b.e - a.e || a.index - b.index);
    const pairs = page.getByTestId('recon-pair');
    const shown = await pairs.evaluateAll((els) =>
      els.map((e) => ({ index: Number(e.getAttribute('data-index')), e: Number(e.getAttribute('data-error')) })),
    );
    expect(shown.length).toBe(40);
    expect(shown.map((s) => s.index)).toEqual(worst.slice(0, 40).map((w) => w.index));
    const rec = await callApi(page, 'reconstruct', { 'indices:u32': shown.slice(0, 3).map((s) => s.index), runId: 'default' });
    for (let i = 0; i < 3; i++) expect(shown[i].e).toBeCloseTo((rec.errors as number[])[i], 6);
    const first = await page
      .getByTestId('recon-output')
      .first()
      .evaluate((c) => {
        const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
        return Array.from({ length: 784 }, (_, i) => d[i * 4]);
      });
    expect(maxDiff(first, (rec.images as number[]).slice(0, 784))).toBe(0);
    const mean = report.errors.reduce((a, b) => a + b, 0) / report.errors.length;
    expect(Number(await page.getByTestId('recon-summary').getAttribute('data-mean'))).toBeCloseTo(mean, 5);
    await app.screenshot('teach-reconstructions');

    await page.getByTestId('recon-sort').selectOption('best');
    await expect.poll(async () => Number(await pairs.first().getAttribute('data-index'))).toBe(worst[worst.length - 1].index);
    await page.getByTestId('recon-sort').selectOption('worst');
    await page.getByTestId('hist-class-3').click();
    await expect.poll(async () => Number(await pairs.first().getAttribute('data-index'))).toBe(worst.find((w) => w.label === 3)!.index);
    const labels = await page.locator('[data-testid=recon-pair] b').allTextContents();
    expect(new Set(labels)).toEqual(new Set(['3']));
    await app.screenshot('teach-reconstructions-class3');
  });

  it('kernels shows the default and the denoising model side by side, coloured from the engine weights, paged', async () => {
    await lesson('kernels', 'kernels');
    await page.getByTestId('kernel-run-a').selectOption('default');
    await page.getByTestId('kernel-run-b').selectOption(ids.denoising);
    await expect.poll(() => page.getByTestId('kernel-grid-b').getAttribute('data-count'), { timeout: 30_000 }).toBe('64');
    const kb = (await callApi(page, 'kernels', { runId: ids.denoising })) as { kernels: number[]; limit: number; units: number };
    expect(kb.units).toBe(64);
    const px = await page
      .getByTestId('kernel-grid-b')
      .evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data));
    for (const p of [0, 300, 406, 783]) {
      const [r, g, b] = weightColor(kb.kernels[p], kb.limit);
      expect([px[p * 4], px[p * 4 + 1], px[p * 4 + 2]]).toEqual([r, g, b]);
    }
    await expect.poll(() => page.getByTestId('kernel-range-a').textContent()).toBe('Units 1–64 of 512');
    await page.getByTestId('kernel-next-a').click();
    await expect.poll(() => page.getByTestId('kernel-range-a').textContent()).toBe('Units 65–128 of 512');
    expect(await page.getByTestId('kernel-grid-a').getAttribute('data-offset')).toBe('64');
    await app.screenshot('teach-kernels');
  });

  it('denoise shows the model output for the corruption chosen: noise rate and a painted patch, as the engine computes it', async () => {
    await lesson('denoise', 'denoise');
    await page.getByTestId('denoise-run').selectOption(ids.denoising);
    await page.getByTestId('denoise-sample').fill('7');
    await page.getByTestId('denoise-level').fill('0.5');
    const section = page.getByTestId('denoise');
    await expect.poll(() => section.getAttribute('data-level')).toBe('0.5');
    const check = async () => {
      const mask = ((await section.getAttribute('data-mask')) ?? '').split('').map(Number);
      const res = await callApi(page, 'denoise', {
        index: 60_007,
        kind: await section.getAttribute('data-kind'),
        level: 0.5,
        'mask:u8': mask,
        runId: ids.denoising,
      });
      await expect
        .poll(async () => maxDiff((await canvasGrey(page, 'denoise-output')).grey, res.output as number[]), { timeout: 20_000 })
        .toBe(0);
      expect((await canvasGrey(page, 'denoise-input')).grey).toEqual(res.corrupted);
      expect(await page.getByTestId('denoise-output-error').textContent()).toBe(`MSE ${(res.outputError as number).toFixed(4)}`);
      return res;
    };
    const noisy = await check();
    expect(noisy.corruptedError as number).toBeGreaterThan(0);

    const box = (await page.getByTestId('denoise-input').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.45);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.3 + 0.05 * i), box.y + box.height * 0.45);
    await page.mouse.up();
    expect(Number(await section.getAttribute('data-patch'))).toBeGreaterThan(20);
    const patched = await check();
    const mask = ((await section.getAttribute('data-mask')) ?? '').split('').map(Number);
    expect((patched.corrupted as number[]).filter((v, p) => mask[p] === 1).every((v) => v === 128)).toBe(true);
    await app.screenshot('teach-denoise');

    await page.getByTestId('denoise-kind-gaussian').check();
    await expect.poll(() => section.getAttribute('data-kind')).toBe('gaussian');
    await check();
  });

  it('pca-compare prints the principal angles between the linear model and PCA, as the engine computes them', async () => {
    await lesson('pca', 'pca-compare');
    await page.getByTestId('pca-run').selectOption(ids.linear);
    await ready('pca-compare');
    const res = (await callApi(page, 'pcaCompare', { runId: ids.linear })) as {
      angles: number[];
      pcaMse: number;
      aeMse: number;
      linear: boolean;
    };
    const shown = await page
      .locator('[data-testid=pca-angles] li')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-angle'))));
    expect(shown).toEqual(res.angles);
    const text = await page.getByTestId('pca-angles').textContent();
    for (const a of res.angles) expect(text).toContain(`${a.toFixed(1)}°`);
    console.log(
      `linear AE (d = 2) vs PCA: angles ${res.angles.map((a) => a.toFixed(2)).join(', ')} deg; MSE PCA ${res.pcaMse.toFixed(4)}, AE ${res.aeMse.toFixed(4)}`,
    );
    expect(res.linear).toBe(true);
    expect(Math.max(...res.angles)).toBeLessThan(30);
    expect(await page.getByTestId('pca-mse').textContent()).toContain(res.aeMse.toFixed(4));
    expect(await page.getByTestId('pca-plane').getAttribute('data-points')).toBe('2000');
    await app.screenshot('teach-pca');
  });

  it('loss-compare puts a BCE and an MSE run of one architecture side by side, with both error measures from the engine', async () => {
    await lesson('loss', 'loss-compare');
    await page.getByTestId('loss-run-a').selectOption(ids.bce);
    await page.getByTestId('loss-run-b').selectOption(ids.mse);
    await ready('loss-compare');
    expect(await page.getByTestId('loss-differ').count()).toBe(0);
    for (const [side, id] of [
      ['a', ids.bce],
      ['b', ids.mse],
    ] as const) {
      const row = page.getByTestId(`loss-stats-${side}`);
      for (const metric of ['mse', 'bce']) {
        const report = (await callApi(page, 'reconstructionReport', { runId: id, split: 'test', limit: 2000, metric })) as { mean: number };
        expect(Number(await row.getAttribute(`data-${metric}`))).toBeCloseTo(report.mean, 6);
      }
    }
    const rec = await callApi(page, 'reconstruct', { 'indices:u32': [60_000], runId: ids.mse });
    const cell = await page
      .locator('[data-testid=loss-row-b] canvas')
      .first()
      .evaluate((c) => {
        const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
        return Array.from({ length: 784 }, (_, i) => d[i * 4]);
      });
    expect(maxDiff(cell, rec.images as number[])).toBe(0);
    await app.screenshot('teach-loss');
  });

  it('each lesson exports its figure as SVG, and explains itself in Spanish', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').first().click();
    await page.getByTestId('export-svg').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^bce-vs-mse.*\.svg$/);
    await page.selectOption('[data-testid="lang"]', 'es');
    await expect.poll(() => page.getByTestId('lesson-loss').textContent()).toBe('BCE frente a MSE');
    await expect.poll(() => page.getByTestId('loss-compare').textContent()).toContain('entropía cruzada binaria');
    await app.screenshot('teach-loss-es');
    await page.selectOption('[data-testid="lang"]', 'en');
    expect(app.pageErrors).toEqual([]);
  });
});
