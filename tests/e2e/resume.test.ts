/**
 * A crash mid-training loses at most the current epoch: the serve process is killed (SIGKILL, no chance to
 * clean up) after a checkpoint, and a fresh serve on the same runs library offers that checkpoint for resume;
 * resuming finishes the run with every epoch in its history.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeE2e, launchApp, type E2eApp } from './harness.js';
import { attr, configure, numberAttr, openTab, waitReady } from './studio-page.js';

const runsDir = mkdtempSync(join(tmpdir(), 'lex-e2e-resume-'));
let app: E2eApp | null = null;

describeE2e('resume after a crash', () => {
  afterAll(async () => {
    await app?.close();
    rmSync(runsDir, { recursive: true, force: true });
  });

  it('killing serve mid-training and starting again offers resume from the last checkpoint', async () => {
    app = await launchApp({ runsDir });
    await waitReady(app.page);
    await configure(app.page, {
      name: 'crash test',
      arch: 'dense',
      hidden: '64',
      latent: '2',
      learningRate: '0.002',
      limit: '2000',
      epochs: '4',
      batchSize: '16',
    });
    await app.page.getByTestId('train-start').click();
    await expect
      .poll(() => numberAttr(app!.page.getByTestId('loss-chart'), 'data-test-points'), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(1);
    const runId = (await attr(app.page.getByTestId('train-progress'), 'data-run-id')) ?? '';
    expect(runId).toMatch(/^dense-2d-/);
    const record = join(runsDir, runId, 'run.json');
    await expect.poll(() => existsSync(record), { timeout: 30_000 }).toBe(true);
    // The crash: no signal handler runs, nothing is cleaned up.
    process.kill(-app.server.child.pid!, 'SIGKILL');
    await new Promise((resolve) => app!.server.child.once('exit', resolve));
    const saved = JSON.parse(readFileSync(record, 'utf8')) as { status: string; history: unknown[] };
    expect(saved.status).toBe('checkpoint');
    const done = saved.history.length;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(4);
    await app.close();

    app = await launchApp({ runsDir });
    const page = app.page;
    await waitReady(page);
    await openTab(page, 'runs');
    const offer = page.getByTestId('resume-offer');
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.getAttribute('data-run-id')).toBe(runId);
    expect(await offer.textContent()).toContain(`after epoch ${done} of 4`);
    await app.screenshot('runs-resume-offer');
    await offer.getByTestId('resume-run').click();
    await page.getByTestId('studio').waitFor();
    await expect.poll(() => attr(page.getByTestId('train-progress'), 'data-status'), { timeout: 150_000 }).toBe('complete');
    const final = JSON.parse(readFileSync(record, 'utf8')) as { status: string; name: string; history: { epoch: number }[] };
    expect(final).toMatchObject({ status: 'complete', name: 'crash test' });
    expect(final.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    await openTab(page, 'runs');
    await page.getByTestId('run-row').filter({ hasText: 'crash test' }).waitFor();
    expect(await page.getByTestId('resume-offer').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
