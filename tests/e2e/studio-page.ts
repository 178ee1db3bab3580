/** Page helpers for the studio and runs-library end-to-end tests and the training benchmark. */
import type { Locator, Page } from 'playwright-core';

/** Waits until the engine has answered `info` (the status bar names a backend). */
export async function waitReady(page: Page): Promise<void> {
  await page
    .getByTestId('status-backend')
    .filter({ hasText: /wasm|cpu|tfjs-node/ })
    .waitFor({ timeout: 90_000 });
}

export async function openTab(page: Page, id: 'explorer' | 'training' | 'runs'): Promise<void> {
  await page.getByTestId(`tab-${id}`).click();
  await page.getByTestId(id === 'training' ? 'studio' : id === 'runs' ? 'runs' : 'explorer').waitFor();
}

export async function attr(el: Locator, name: string): Promise<string | null> {
  return el.getAttribute(name);
}

export async function numberAttr(el: Locator, name: string): Promise<number> {
  return Number((await el.getAttribute(name)) ?? NaN);
}

/** Fills the training form: selects for `arch`/`dataset`, text for the rest (form field names). */
export async function configure(page: Page, settings: Record<string, string>): Promise<void> {
  await openTab(page, 'training');
  for (const [field, value] of Object.entries(settings)) {
    const el = page.getByTestId(`train-${field}`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
}
