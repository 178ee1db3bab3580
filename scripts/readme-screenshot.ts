/**
 * Takes the README's screenshot: serve mode with the default model in headless Chromium, a decoded point, an
 * interpolation between two test digits. `npx tsx scripts/readme-screenshot.ts` writes docs/screenshot.png.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchApp } from '../tests/e2e/harness.js';

const app = await launchApp({ viewport: { width: 1440, height: 900 } });
try {
  const { page } = app;
  const scatter = page.getByTestId('scatter');
  await scatter.waitFor();
  await page.waitForFunction(() => (window as unknown as { __explorer?: Record<string, unknown> }).__explorer?.main);
  const box = (await scatter.boundingBox())!;
  // A test-set 0 and 1 (indices 60,003 and 60,002), typed into the interpolation panel.
  await page.getByTestId('interp-a').fill('60003');
  await page.getByTestId('interp-a').dispatchEvent('change');
  await page.getByTestId('interp-b').fill('60002');
  await page.getByTestId('interp-b').dispatchEvent('change');
  await page.mouse.click(box.x + box.width * 0.62, box.y + box.height * 0.42);
  await page.waitForTimeout(1500);
  const shot = await app.screenshot('readme');
  copyFileSync(shot, join(ROOT, 'docs', 'screenshot.png'));
  console.log(`wrote docs/screenshot.png (errors on the page: ${app.pageErrors.length})`);
} finally {
  await app.close();
}
