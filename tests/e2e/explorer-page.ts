/**
 * Page helpers for the explorer's end-to-end tests and the browser benchmark: read canvases, call the API from
 * the page (`window.__explorer.api`, the app's own client), turn plot pixels into latent coordinates.
 */
import type { Page } from 'playwright-core';

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The scatter surface's page box and the latent region it shows (from its `data-x-domain`/`data-y-domain`). */
export async function plotBox(page: Page, testid = 'scatter'): Promise<PlotBox> {
  return page.getByTestId(testid).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const [x0, x1] = (el.getAttribute('data-x-domain') ?? '').split(',').map(Number);
    const [y0, y1] = (el.getAttribute('data-y-domain') ?? '').split(',').map(Number);
    // clientLeft/Top: the border; the plot's pixels start inside it.
    return { left: r.left + el.clientLeft, top: r.top + el.clientTop, width: el.clientWidth, height: el.clientHeight, x0, x1, y0, y1 };
  });
}

/** The latent point under page position (px, py), by the plot's own domain attributes. */
export function latentAt(box: PlotBox, px: number, py: number): [number, number] {
  return [box.x0 + ((px - box.left) / box.width) * (box.x1 - box.x0), box.y1 - ((py - box.top) / box.height) * (box.y1 - box.y0)];
}

/** Page position of a latent point. */
export function pageAt(box: PlotBox, x: number, y: number): [number, number] {
  return [box.left + ((x - box.x0) / (box.x1 - box.x0)) * box.width, box.top + ((box.y1 - y) / (box.y1 - box.y0)) * box.height];
}

/** The red channel of a canvas (grey images have r = g = b), with its size. */
export async function canvasGrey(page: Page, testid: string): Promise<{ width: number; height: number; grey: number[] }> {
  return page.getByTestId(testid).evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const grey = new Array<number>(canvas.width * canvas.height);
    for (let i = 0; i < grey.length; i++) grey[i] = d[i * 4];
    return { width: canvas.width, height: canvas.height, grey };
  });
}

/** Cell `i` (28x28) of a strip canvas laid out with `gap` pixels between cells. */
export function stripCell(strip: { width: number; grey: number[] }, i: number, gap = 1): number[] {
  const out: number[] = [];
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) out.push(strip.grey[y * strip.width + i * (28 + gap) + x]);
  return out;
}

/** Call one API method from the page with the app's own client; typed arrays come back as plain arrays. */
export async function callApi(page: Page, method: string, arg: Record<string, unknown>): Promise<Record<string, number[] | unknown>> {
  return page.evaluate(
    async ({ method, arg }) => {
      const api = (window as unknown as { __explorer: { api: Record<string, (a: unknown) => Promise<Record<string, unknown>>> } })
        .__explorer.api;
      const fix = (v: unknown) =>
        Array.isArray(v) && v.length && typeof v[0] === 'string' ? new Uint32Array((v as string[]).map(Number)) : v;
      const decoded: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(arg)) {
        const tag = k.split(':');
        decoded[tag[0]] =
          tag[1] === 'f32'
            ? new Float32Array(v as number[])
            : tag[1] === 'u32'
              ? new Uint32Array(v as number[])
              : tag[1] === 'u8'
                ? new Uint8Array(v as number[])
                : fix(v);
      }
      const res = await api[method](decoded);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(res)) out[k] = ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
      return out;
    },
    { method, arg },
  );
}

/** Largest absolute difference between two pixel arrays. */
export function maxDiff(a: readonly number[], b: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) m = Math.max(m, Math.abs((a[i] ?? -999) - (b[i] ?? -999)));
  return m;
}

type DebugView = {
  view: { pixelOf(i: number): [number, number] | null; nearest(px: number, py: number): number | null; lastThumbnails: number };
};

/** Plot position (CSS pixels inside the surface) of sample `index` in scatter `name` (`main`, `left`, `right`). */
export async function pixelOf(page: Page, name: string, index: number): Promise<[number, number] | null> {
  return page.evaluate(
    ([n, i]) => (window as unknown as { __explorer: Record<string, DebugView> }).__explorer[n].view.pixelOf(i as number),
    [name, index] as const,
  );
}

/** The shown sample nearest plot position (px, py) in scatter `name`, as hover and pick find it. */
export async function nearest(page: Page, name: string, px: number, py: number): Promise<number | null> {
  return page.evaluate(
    ([n, x, y]) =>
      (window as unknown as { __explorer: Record<string, DebugView> }).__explorer[n as string].view.nearest(x as number, y as number),
    [name, px, py] as const,
  );
}
