/**
 * Checks of the app's page shared by the Electron smoke test and the offline-window test: whatever hosts it
 * (Electron, a browser's app window), the page must show the map, name the backend and decode a click.
 */
import type { Page } from 'playwright-core';

/** Waits until the map shows points and the status bar names the backend; returns the backend and its note. */
export async function waitForMap(page: Page, timeout = 90_000): Promise<{ backend: string; note: string | null }> {
  await page.waitForSelector('[data-testid=scatter]:not([data-shown="0"])', { timeout });
  const backend = page.getByTestId('status-backend');
  await page.waitForFunction(
    () => {
      const text = document.querySelector('[data-testid=status-backend]')?.textContent?.trim();
      return Boolean(text && text !== '…');
    },
    undefined,
    { timeout },
  );
  const note = page.getByTestId('status-backend-note');
  return {
    backend: (await backend.textContent())!.trim(),
    note: (await note.count()) ? ((await note.textContent())?.trim() ?? null) : null,
  };
}

/** Clicks inside the map and waits for the decoded image of that point; returns the decoded latent point. */
export async function clickDecodes(page: Page, fx = 0.42, fy = 0.55, timeout = 30_000): Promise<[number, number]> {
  const frame = page.locator('[data-version]').first();
  const before = Number((await frame.getAttribute('data-version')) ?? 0);
  const box = await page.getByTestId('scatter').boundingBox();
  if (!box) throw new Error('the map has no box');
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await page.waitForFunction((v) => Number(document.querySelector('[data-version]')?.getAttribute('data-version') ?? 0) > v, before, {
    timeout,
  });
  const point = (await frame.getAttribute('data-point')) ?? '';
  const [x, y] = point.split(',').map(Number);
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`decoded point is '${point}'`);
  // The decoded image is drawn: a 28x28 canvas with some ink.
  const ink = await page.getByTestId('decoded').evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i]!;
    return { w: canvas.width, h: canvas.height, mean: sum / (data.length / 4) };
  });
  if (ink.w !== 28 || ink.h !== 28 || ink.mean < 1) throw new Error(`decoded image ${JSON.stringify(ink)}`);
  return [x!, y!];
}

/**
 * An init script that records the page's Content-Security-Policy violations in `window.cspViolations` (directive
 * and what was blocked, e.g. `script-src eval`). A string, so it runs as written in any host.
 */
export const CSP_RECORDER = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;
