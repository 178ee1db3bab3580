/**
 * Figures in Chromium: every snapshot SVG loads as an image and paints, and the Export menu's PNG path
 * (`svgToPngBlob`, bundled from the renderer source) yields PNGs of the stated size at 1x, 2x and 4x.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, describeE2e, ROOT, SCREENSHOTS } from './harness.js';

const SNAPSHOTS = join(ROOT, 'tests', 'figures', '__snapshots__');
const svgs = readdirSync(SNAPSHOTS)
  .filter((f) => f.endsWith('.svg') && !f.endsWith('-changed.svg'))
  .map((f) => [f.replace(/\.svg$/, ''), readFileSync(join(SNAPSHOTS, f), 'utf8')] as const);

describeE2e('figures in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    const bundle = buildSync({
      entryPoints: [join(ROOT, 'renderer', 'components', 'export-image.ts')],
      bundle: true,
      format: 'iife',
      globalName: 'ExportImage',
      write: false,
    });
    await page.setContent('<!doctype html><body style="margin:0;background:#fff"></body>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(svgs)('Chromium loads and paints the %s figure SVG', async (name, svg) => {
    const result = await page.evaluate(async (text) => {
      const img = new Image();
      const loaded = new Promise<boolean>((resolve) => {
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
      });
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      if (!(await loaded)) return { ok: false, width: 0, height: 0, painted: 0 };
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      // Pixels that are neither transparent nor white: ink, colours and digit images.
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) painted++;
      document.body.replaceChildren(img);
      return { ok: true, width: img.naturalWidth, height: img.naturalHeight, painted };
    }, svg);
    expect(result.ok).toBe(true);
    expect([960, 800]).toContain(result.width);
    expect(result.painted).toBeGreaterThan(2000);
    await page.screenshot({
      path: join(SCREENSHOTS, `figure-${name}.png`),
      clip: { x: 0, y: 0, width: result.width, height: result.height },
    });
  });

  it('Chromium keeps digit pixels square: a 2x1 black/white image at 200x100 has no grey in between', async () => {
    const { imageTag } = await import('../../src/pure/figures/digits.js');
    const { pngDataUri } = await import('../../src/pure/figures/png.js');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">${imageTag(pngDataUri(Uint8Array.from([0, 255]), 2, 1, 1), 0, 0, 200, 100)}</svg>`;
    const between = await page.evaluate(async (text) => {
      const img = new Image();
      await new Promise((resolve) => {
        img.onload = resolve;
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      });
      const canvas = document.createElement('canvas');
      canvas.width = 200;
      canvas.height = 100;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, 200, 100).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! > 10 && data[i]! < 245) n++;
      return n;
    }, svg);
    expect(between).toBe(0);
  });

  it.each([1, 2, 4])('svgToPngBlob(grid, 960x540, %i) makes a PNG of 960*s x 540*s pixels', async (scale) => {
    const svg = svgs.find(([name]) => name === 'grid')![1];
    const size = await page.evaluate(
      async ({ text, s }) => {
        const api = (window as unknown as { ExportImage: { svgToPngBlob(svg: string, w: number, h: number, s: number): Promise<Blob> } })
          .ExportImage;
        const blob = await api.svgToPngBlob(text, 960, 540, s);
        const head = new Uint8Array(await blob.slice(0, 24).arrayBuffer());
        const view = new DataView(head.buffer);
        return { type: blob.type, width: view.getUint32(16), height: view.getUint32(20) };
      },
      { text: svg, s: scale },
    );
    expect(size).toEqual({ type: 'image/png', width: 960 * scale, height: 540 * scale });
  });
});
