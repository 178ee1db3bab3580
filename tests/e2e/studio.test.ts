/**
 * The training studio and the runs library in a real Chromium against the real serve mode: configure, train
 * live (progress, loss curve, scatter), pause and resume, find the run in the library, reopen it after a reload
 * and decode with it; a cancelled run leaves nothing behind. Screenshots go to `test-results/screenshots/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, canvasGrey, plotBox } from './explorer-page.js';
import { describeE2e, launchApp, type E2eApp } from './harness.js';
import { axisDomain } from '../unit/renderer/figure-axes.js';
import { attr, configure, numberAttr, openTab, waitReady } from './studio-page.js';

let app: E2eApp;
let page: Page;

describeE2e('training studio and runs library', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1360, height: 900 } });
    page = app.page;
    await waitReady(page);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses invalid settings in the form with the reason', async () => {
    await openTab(page, 'training');
    await page.getByTestId('train-latent').fill('0');
    await expect.poll(() => page.getByTestId('train-latent-error').textContent()).toContain('at least 1');
    await page.getByTestId('train-learningRate').fill('-0.01');
    await expect.poll(() => page.getByTestId('train-learningRate-error').textContent()).toContain('greater than 0');
    await page.getByTestId('train-hidden').fill('1000000');
    await expect.poll(() => page.getByTestId('train-hidden-error').textContent()).toContain('at most 4,096 units');
    expect(await page.getByTestId('train-start').isDisabled()).toBe(true);
    await app.screenshot('studio-form-errors');
  });

  it('trains a small dense model live, pauses and resumes, lists it, and decodes with it after a reload', async () => {
    await configure(page, {
      name: 'e2e studio',
      arch: 'dense',
      hidden: '64',
      latent: '2',
      learningRate: '0.002',
      limit: '2000',
      epochs: '2',
      batchSize: '16',
    });
    expect(await page.getByTestId('train-start').isDisabled()).toBe(false);
    await page.getByTestId('train-start').click();

    const bar = page.getByTestId('train-bar');
    await expect.poll(() => numberAttr(bar, 'aria-valuenow'), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => numberAttr(page.getByTestId('loss-chart'), 'data-points'), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await page.getByTestId('train-pause').click();
    await expect.poll(() => attr(page.getByTestId('train-progress'), 'data-status')).toBe('paused');
    const pausedAt = await numberAttr(page.getByTestId('loss-chart'), 'data-points');
    const pausedBar = await numberAttr(bar, 'aria-valuenow');
    await page.waitForTimeout(1_500);
    expect(await numberAttr(page.getByTestId('loss-chart'), 'data-points')).toBeLessThanOrEqual(pausedAt + 1);
    expect(await numberAttr(bar, 'aria-valuenow')).toBeLessThanOrEqual(pausedBar + 2);
    expect(await page.getByTestId('loss-train').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    const updatesBefore = await numberAttr(page.getByTestId('live-scatter'), 'data-updates');
    await app.screenshot('studio-paused');

    await page.getByTestId('train-resume').click();
    await expect.poll(() => numberAttr(page.getByTestId('loss-chart'), 'data-points'), { timeout: 60_000 }).toBeGreaterThan(pausedAt + 1);
    await expect
      .poll(() => numberAttr(page.getByTestId('live-scatter'), 'data-updates'), { timeout: 120_000 })
      .toBeGreaterThan(updatesBefore);
    await app.screenshot('studio-training');
    await expect.poll(() => attr(page.getByTestId('train-progress'), 'data-status'), { timeout: 150_000 }).toBe('complete');
    expect(await numberAttr(page.getByTestId('loss-chart'), 'data-test-points')).toBe(2);
    expect(await numberAttr(bar, 'aria-valuenow')).toBe(100);
    expect(await page.getByTestId('train-outcome').textContent()).toContain('e2e studio');
    await app.screenshot('studio-complete');
    // The loss chart exports the curves it shows: train and test, over the planned epochs.
    const download = page.waitForEvent('download');
    await page.getByTestId('loss-chart').getByTestId('export-button').click();
    await page.getByTestId('loss-chart').getByTestId('export-svg').click();
    const lossSvg = readFileSync((await (await download).path())!, 'utf8');
    expect(lossSvg).toContain('aria-label="train loss"');
    expect(lossSvg.match(/aria-label="test loss"/g)).toHaveLength(1);
    expect(axisDomain(lossSvg, 'x')[0]).toBeCloseTo(0, 6);

    await openTab(page, 'runs');
    const row = page.getByTestId('run-row').filter({ hasText: 'e2e studio' });
    await row.waitFor();
    expect(await row.getByTestId('run-test-loss').textContent()).toMatch(/^0\.\d+/);
    const runId = (await row.getAttribute('data-run-id'))!;
    await app.screenshot('runs-library');

    await page.reload();
    await waitReady(page);
    await openTab(page, 'runs');
    await page.getByTestId('run-row').filter({ hasText: 'e2e studio' }).getByTestId('run-open').click();
    await expect.poll(() => page.getByTestId('status-model').textContent(), { timeout: 30_000 }).toContain('e2e studio');
    await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])', { timeout: 60_000 });
    const box = await plotBox(page);
    await page.mouse.click(box.left + box.width * 0.5, box.top + box.height * 0.5);
    const frame = page.locator('[data-version]').first();
    await expect.poll(() => attr(frame, 'data-point'), { timeout: 20_000 }).not.toBe('');
    await page.waitForTimeout(300);
    const point = (await attr(frame, 'data-point'))!.split(',').map(Number);
    const shown = await canvasGrey(page, 'decoded');
    const own = await callApi(page, 'decode', { 'points:f32': point, runId });
    expect(shown.grey).toEqual(own.images);
    expect(app.pageErrors).toEqual([]);
  });

  it('a cancelled run leaves nothing half-written in the library', async () => {
    const before = readdirSync(app.runsDir).sort();
    await configure(page, { name: 'e2e cancelled', arch: 'dense', hidden: '64', latent: '2', limit: '3000', epochs: '4', batchSize: '16' });
    await page.getByTestId('train-start').click();
    // Wait for the first epoch's checkpoint, so there is something on disk the cancel must remove.
    await expect.poll(() => numberAttr(page.getByTestId('loss-chart'), 'data-test-points'), { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
    await page.getByTestId('train-cancel').click();
    await expect.poll(() => attr(page.getByTestId('train-progress'), 'data-status'), { timeout: 60_000 }).toBe('cancelled');
    await expect.poll(() => readdirSync(app.runsDir).sort()).toEqual(before);
    await openTab(page, 'runs');
    await page.getByTestId('runs-table').waitFor();
    expect(await page.getByTestId('run-row').filter({ hasText: 'e2e cancelled' }).count()).toBe(0);
    expect(await page.getByTestId('resume-offer').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('renames a run, copies its settings into the form, and deletes it with undo', async () => {
    await openTab(page, 'runs');
    const row = page.getByTestId('run-row').filter({ hasText: 'e2e studio' });
    const runId = (await row.getAttribute('data-run-id'))!;
    await row.getByTestId('run-rename').click();
    await page.getByTestId('run-name-input').fill('renamed run');
    await page.getByTestId('run-name-input').press('Enter');
    const renamed = page.locator(`[data-testid=run-row][data-run-id="${runId}"]`);
    await expect.poll(() => renamed.getByTestId('run-name').textContent()).toBe('renamed run');
    await expect.poll(() => page.getByTestId('status-model').textContent()).toContain('renamed run');

    await renamed.getByTestId('run-retrain').click();
    await page.getByTestId('studio').waitFor();
    expect(await page.getByTestId('train-hidden').inputValue()).toBe('64');
    expect(await page.getByTestId('train-limit').inputValue()).toBe('2000');
    expect(await page.getByTestId('train-batchSize').inputValue()).toBe('16');

    await openTab(page, 'runs');
    await renamed.getByTestId('run-delete').click();
    await page.getByTestId('undo-toast').waitFor();
    expect(await renamed.count()).toBe(0);
    await app.screenshot('runs-undo');
    await page.getByTestId('run-undo').click();
    await renamed.waitFor();
    expect(readdirSync(app.runsDir)).toContain(runId);

    await renamed.getByTestId('run-delete').click();
    await expect.poll(() => readdirSync(app.runsDir).includes(runId), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => page.getByTestId('undo-toast').count()).toBe(0);
    expect(await renamed.count()).toBe(0);
    // The deleted run was the open one: the shipped model takes its place.
    await expect.poll(() => page.getByTestId('status-model').textContent()).not.toContain('renamed run');
    expect(app.pageErrors).toEqual([]);
  });
});
