/**
 * The scatter's canvas: 70k points rasterised into an ImageData, thumbnails from the atlas when zoomed in,
 * d3-zoom for pan and zoom, a d3-quadtree for hover and pick. Imperative DOM code kept out of the Svelte
 * component so the component stays a thin template; the maths lives in the pure helpers it imports.
 */
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import type { Embedding } from '../../../src/pure/api/api.js';
import { packedClassColors, packRgb } from '../../lib/explorer/colors.js';
import { PointLayer, rasterizeLayer } from '../../lib/explorer/point-layer.js';
import {
  dataDomain,
  fitMapping,
  scaleMapping,
  toLatent,
  toPixel,
  zoomForDomain,
  zoomMapping,
  type Domain,
  type PlotMapping,
  type ZoomState,
} from '../../lib/explorer/plot-mapping.js';
import { blitDigit, pointSize, pointsInView, visibleIndices, type PointFilter } from '../../lib/explorer/raster.js';
import { classColorRgb } from '../../../src/pure/figures/palette.js';
import { ThumbnailAtlas } from '../../lib/explorer/thumbnail-atlas.js';

/** Most thumbnails drawn at once; more points in view and the plot stays dots. */
export const MAX_THUMBNAILS = 1500;
/** Hover and pick radius, CSS pixels. */
const PICK_RADIUS = 12;

export interface ScatterCallbacks {
  onMapping(m: PlotMapping, t: ZoomState): void;
  onHover(index: number | null): void;
  /** A plain click at a latent point, with the shown sample nearest it (within the pick radius) if any. */
  onClick(x: number, y: number, nearest: number | null): void;
  /** Shift-click: the nearest shown point, if any. */
  onPick(index: number): void;
  /** Whether a press at CSS pixel (px, py) grabs something (the crosshair) instead of panning. */
  grabs(px: number, py: number): boolean;
  /** A grabbed crosshair dragged to a latent point. */
  onDrag(x: number, y: number): void;
  fetchImages(indices: Uint32Array<ArrayBuffer>): Promise<Uint8Array>;
}

export class ScatterView {
  readonly #ctx: CanvasRenderingContext2D;
  readonly #zoom: ZoomBehavior<HTMLElement, unknown>;
  /** A colour for every byte a label can be (the palette repeats past its ten colours). */
  readonly #colors = packedClassColors(256);
  readonly #rgb = Array.from({ length: 10 }, (_, c) => classColorRgb(c));
  readonly #atlas: ThumbnailAtlas;
  #emb: Embedding | null = null;
  #shown: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  /** The shown points in cell order: what frames draw and hover searches (see point-layer.ts). */
  #index: PointLayer | null = null;
  #base: PlotMapping = fitMapping({ x0: -1, x1: 1, y0: -1, y1: 1 }, 1, 1);
  #t: ZoomState = { k: 1, x: 0, y: 0 };
  #w = 1;
  #h = 1;
  #image: ImageData | null = null;
  #background = packRgb(255, 255, 255);
  #thumbnails = true;
  /** Thumbnails drawn by the last frame (0 when the plot showed dots). */
  lastThumbnails = 0;

  constructor(
    readonly surface: HTMLElement,
    readonly canvas: HTMLCanvasElement,
    private readonly cb: ScatterCallbacks,
  ) {
    this.#ctx = canvas.getContext('2d', { willReadFrequently: false })!;
    this.#atlas = new ThumbnailAtlas(cb.fetchImages, () => this.render());
    this.#zoom = zoom<HTMLElement, unknown>()
      .scaleExtent([0.25, 4000])
      .clickDistance(3)
      .filter(
        (e: MouseEvent & WheelEvent) =>
          (e.type === 'wheel' || (!e.ctrlKey && !e.button && !e.shiftKey)) && !(e.type === 'mousedown' && this.#grabs(e)),
      )
      .on('zoom', (e: { transform: ZoomTransform }) => {
        this.#t = { k: e.transform.k, x: e.transform.x, y: e.transform.y };
        this.render();
      });
    select(surface).call(this.#zoom).on('dblclick.zoom', null);
    surface.addEventListener('click', this.#click);
    surface.addEventListener('pointerdown', this.#down);
    surface.addEventListener('pointermove', this.#hover);
    surface.addEventListener('pointerup', this.#up);
    surface.addEventListener('pointerleave', () => cb.onHover(null));
    surface.addEventListener('lostpointercapture', () => {
      this.#dragging = false;
      surface.removeEventListener('pointerrawupdate', this.#drag as EventListener);
    });
  }

  get mapping(): PlotMapping {
    return zoomMapping(this.#base, this.#t);
  }
  get size(): [number, number] {
    return [this.#w, this.#h];
  }
  /** True once an embedding is drawn (before that the plot shows a placeholder region). */
  get hasData(): boolean {
    return this.#emb !== null;
  }
  get shownCount(): number {
    return this.#shown.length;
  }

  #local(e: MouseEvent): [number, number] {
    // The plot starts inside the surface's border, as do the canvas and the mapping.
    const r = this.surface.getBoundingClientRect();
    return [e.clientX - r.left - this.surface.clientLeft, e.clientY - r.top - this.surface.clientTop];
  }
  #grabs(e: MouseEvent): boolean {
    const [px, py] = this.#local(e);
    return this.cb.grabs(px, py);
  }

  /** The dataset index of the shown point nearest CSS pixel (px, py) within the pick radius. */
  nearest(px: number, py: number): number | null {
    if (!this.#index) return null;
    const m = this.mapping;
    const [x, y] = toLatent(m, px, py);
    return this.#index.find(x, y, PICK_RADIUS / m.x.a);
  }

  /** CSS pixel position of dataset sample `index` under the current zoom, or null without data. */
  pixelOf(index: number): [number, number] | null {
    const emb = this.#emb;
    return emb && index < emb.labels.length ? toPixel(this.mapping, emb.x[index], emb.y[index]) : null;
  }

  #click = (e: MouseEvent) => {
    const [px, py] = this.#local(e);
    if (e.shiftKey) {
      const i = this.nearest(px, py);
      if (i !== null) this.cb.onPick(i);
      return;
    }
    const [x, y] = toLatent(this.mapping, px, py);
    this.cb.onClick(x, y, this.nearest(px, py));
  };

  #dragging = false;
  // Chrome holds pointermove back to the next animation frame (up to 16 ms); pointerrawupdate (secure
  // contexts, which 127.0.0.1 and Electron's file:// are) arrives at once, so a drag decodes sooner.
  readonly #raw = 'onpointerrawupdate' in window;

  #down = (e: PointerEvent) => {
    if (e.button !== 0 || e.shiftKey || !this.#grabs(e)) return;
    this.#dragging = true;
    this.surface.setPointerCapture(e.pointerId);
    if (this.#raw) this.surface.addEventListener('pointerrawupdate', this.#drag as EventListener);
  };

  #up = (e: PointerEvent) => {
    if (!this.#dragging) return;
    this.#dragging = false;
    this.surface.removeEventListener('pointerrawupdate', this.#drag as EventListener);
    this.surface.releasePointerCapture(e.pointerId);
  };

  #drag = (e: PointerEvent) => {
    if (!this.#dragging) return;
    const [px, py] = this.#local(e);
    const [x, y] = toLatent(this.mapping, px, py);
    this.cb.onDrag(x, y);
  };

  #hover = (e: PointerEvent) => {
    if (this.#dragging) {
      if (!this.#raw) this.#drag(e);
      return;
    }
    const [px, py] = this.#local(e);
    if (e.buttons) return;
    this.cb.onHover(this.nearest(px, py));
  };

  /** New points or filter: rebuild the shown list and its layer; `fit` resets the base fit. */
  setData(emb: Embedding | null, filter: PointFilter | null, fit: boolean): void {
    if (emb !== this.#emb && emb?.runId !== this.#emb?.runId) this.#atlas.clear();
    this.#emb = emb;
    this.#shown = emb && filter ? visibleIndices(emb.labels, filter) : new Uint32Array(0);
    this.#index = emb ? new PointLayer(emb.x, emb.y, emb.labels, this.#shown) : null;
    if (fit && emb) this.#base = fitMapping(dataDomain(emb.x, emb.y), this.#w, this.#h);
    this.render();
  }

  setThumbnails(on: boolean): void {
    this.#thumbnails = on;
    this.render();
  }

  /** Follow the surface's size; keeps the same latent region in view. */
  resize(w: number, h: number): void {
    if (w < 1 || h < 1 || (w === this.#w && h === this.#h)) return;
    const view = this.#emb ? this.visible() : null;
    const dataFit = this.#emb ? dataDomain(this.#emb.x, this.#emb.y) : { x0: -1, x1: 1, y0: -1, y1: 1 };
    [this.#w, this.#h] = [w, h];
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.#image = this.#ctx.createImageData(this.canvas.width, this.canvas.height);
    const bg = getComputedStyle(this.surface).backgroundColor.match(/\d+/g)?.map(Number) ?? [255, 255, 255];
    this.#background = packRgb(bg[0], bg[1], bg[2]);
    this.#base = fitMapping(dataFit, w, h);
    if (view) this.showDomain(view);
    else this.render();
  }

  /** The latent region in view. */
  visible(): Domain {
    const m = this.mapping;
    const [x0, y1] = toLatent(m, 0, 0);
    const [x1, y0] = toLatent(m, this.#w, this.#h);
    return { x0, x1, y0, y1 };
  }

  /** Zoom so `d` is in view (restoring a saved view, or a test setting one). */
  showDomain(d: Domain): void {
    this.setZoom(zoomForDomain(this.#base, d, this.#w, this.#h));
  }

  setZoom(t: ZoomState): void {
    select(this.surface).call(this.#zoom.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  }

  /** Draw one frame now: dots, then thumbnails blended into the same buffer, then one blit. */
  render(): void {
    const img = this.#image;
    if (!img) return;
    const words = new Uint32Array(img.data.buffer);
    words.fill(this.#background);
    const dpr = this.canvas.width / this.#w;
    const m = this.mapping;
    const emb = this.#emb;
    if (this.#index)
      rasterizeLayer(
        words,
        img.width,
        img.height,
        this.#index,
        this.#colors,
        scaleMapping(m, dpr),
        pointSize(this.#t.k, dpr, emb?.x.length),
      );
    // Codes imported without images have no thumbnails to show.
    this.lastThumbnails = emb && this.#thumbnails && !emb.noImages ? this.#drawThumbnails(emb, m, img, dpr) : 0;
    this.#ctx.putImageData(img, 0, 0);
    this.cb.onMapping(m, this.#t);
  }

  #drawThumbnails(emb: Embedding, m: PlotMapping, img: ImageData, dpr: number): number {
    const inView = pointsInView(emb.x, emb.y, this.#shown, m, this.#w, this.#h, MAX_THUMBNAILS);
    if (!inView || inView.length === 0) return 0;
    this.#atlas.request(inView);
    // Size from density: about one thumbnail per cell of the plot, between 18 and 56 CSS pixels.
    const s = Math.round(Math.max(18, Math.min(56, Math.sqrt((this.#w * this.#h) / inView.length) * 1.1)) * dpr);
    let n = 0;
    for (const i of inView) {
      const offset = this.#atlas.offset(i);
      if (offset < 0) continue;
      const [px, py] = toPixel(m, emb.x[i], emb.y[i]);
      blitDigit(img.data, img.width, img.height, this.#atlas.pixels, offset, this.#rgb[emb.labels[i] % 10], px * dpr, py * dpr, s);
      n++;
    }
    return n;
  }

  destroy(): void {
    select(this.surface).on('.zoom', null);
    this.surface.removeEventListener('click', this.#click);
    this.surface.removeEventListener('pointermove', this.#hover);
    this.surface.removeEventListener('pointerdown', this.#down);
    this.surface.removeEventListener('pointerup', this.#up);
  }
}
