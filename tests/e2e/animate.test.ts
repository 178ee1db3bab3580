/**
 * Animation export from the page, in Chromium against serve mode: the interpolation panel's Animate menu
 * downloads a GIF that gifuct-js decodes to the asked number of frames (ping-pong included), whose frames show
 * the frame function's layout; WebM either downloads a video or says the runtime cannot encode one.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeGif } from '../figures/gif-decode.js';
import { plotBox } from './explorer-page.js';
import { describeE2e, launchApp, SCREENSHOTS, type E2eApp } from './harness.js';

let app: E2eApp;
let page: Page;

describeE2e('animation export', () => {
  beforeAll(async () => {
    app = await launchApp({ viewport: { width: 1440, height: 900 } });
    page = app.page;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])', { timeout: 60_000 });
    await page.getByTestId('interp-a').fill('3');
    await page.getByTestId('interp-a').press('Enter');
    await page.getByTestId('interp-b').fill('2');
    await page.getByTestId('interp-b').press('Enter');
    await page.getByTestId('animate-button').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('the interpolation exports as a GIF of the asked frame count, ping-pong included', async () => {
    const scope = page.getByTestId('interp-panel');
    await scope.getByTestId('animate-button').click();
    await scope.getByTestId('animate-frames').fill('6');
    await scope.getByTestId('animate-fps').fill('8');
    await scope.getByTestId('animate-pingpong').check();
    await app.screenshot('animate-menu');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await scope.getByTestId('animate-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('interpolation.gif');
    const bytes = readFileSync((await file.path())!);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'export-interpolation.gif'), bytes);
    const gif = decodeGif(new Uint8Array(bytes));
    expect(gif.frames).toHaveLength(6 + 4);
    expect([gif.width, gif.height]).toEqual([960, 540]);
    expect(gif.frames[0]!.delay).toBe(130);
    expect(gif.loop).toBe(0);
    // Ping-pong: frame 6 repeats frame 4, and the first and middle frames differ (the digit morphs).
    expect(Buffer.from(gif.frames[6]!.rgba)).toEqual(Buffer.from(gif.frames[4]!.rgba));
    expect(Buffer.from(gif.frames[0]!.rgba)).not.toEqual(Buffer.from(gif.frames[5]!.rgba));
  });

  it('WebM and MP4 download a video where WebCodecs can encode, else say so', async () => {
    const scope = page.getByTestId('interp-panel');
    for (const [format, codecs] of [
      ['webm', ['vp09.00.10.08', 'vp8']],
      ['mp4', ['avc1.42E033']],
    ] as const) {
      if (!(await scope.getByTestId('animate-menu').isVisible())) await scope.getByTestId('animate-button').click();
      await scope.getByTestId('animate-frames').fill('4');
      await scope.getByTestId('animate-format').selectOption(format);
      const canEncode = await page.evaluate(
        async (list) => {
          if (typeof VideoEncoder === 'undefined') return false;
          for (const codec of list)
            if ((await VideoEncoder.isConfigSupported({ codec, width: 960, height: 540, bitrate: 4_000_000 })).supported) return true;
          return false;
        },
        codecs as readonly string[],
      );
      if (canEncode) {
        const download = page.waitForEvent('download', { timeout: 60_000 });
        await scope.getByTestId('animate-export').click();
        const bytes = readFileSync((await (await download).path())!);
        // WebM starts with the EBML magic, MP4 with an ftyp box.
        if (format === 'webm') expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
        else expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
        writeFileSync(join(SCREENSHOTS, `export-interpolation.${format}`), bytes);
      } else {
        await scope.getByTestId('animate-export').click();
        await expect.poll(() => scope.getByTestId('animate-status').textContent()).toMatch(/cannot encode video/);
      }
    }
  });

  it('with the map: the interpolation GIF still has the asked frames, and the map moves under the point', async () => {
    const scope = page.getByTestId('interp-panel');
    await scope.getByTestId('animate-button').click();
    await scope.getByTestId('animate-frames').fill('3');
    await scope.getByTestId('animate-pingpong').uncheck();
    await scope.getByTestId('animate-format').selectOption('gif');
    await scope.getByTestId('animate-map').check();
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await scope.getByTestId('animate-export').click();
    const bytes = readFileSync((await (await download).path())!);
    writeFileSync(join(SCREENSHOTS, 'export-interpolation-map.gif'), bytes);
    const gif = decodeGif(new Uint8Array(bytes));
    expect(gif.frames).toHaveLength(3);
    // The left half (the map) changes between the first and last frame: the crosshair moved.
    const left = (k: number) => Buffer.from(gif.frames[k]!.rgba.filter((_, i) => (i / 4) % 960 < 500));
    expect(left(0)).not.toEqual(left(2));
  });

  it('a walk through points clicked on the map exports with the asked frame count', async () => {
    await page.getByTestId('walk-record').check();
    const box = await plotBox(page);
    for (const [fx, fy] of [
      [0.3, 0.3],
      [0.6, 0.4],
      [0.5, 0.7],
    ] as const) {
      await page.mouse.click(box.left + box.width * fx, box.top + box.height * fy);
      await page.waitForTimeout(150);
    }
    await expect.poll(() => page.getByTestId('walk').textContent()).toMatch(/3 clicked points/);
    const scope = page.getByTestId('walk');
    await scope.getByTestId('animate-button').click();
    await scope.getByTestId('animate-frames').fill('5');
    await app.screenshot('animate-walk');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await scope.getByTestId('animate-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('walk.gif');
    const bytes = readFileSync((await file.path())!);
    writeFileSync(join(SCREENSHOTS, 'export-walk.gif'), bytes);
    expect(decodeGif(new Uint8Array(bytes)).frames).toHaveLength(5);
  });
});
