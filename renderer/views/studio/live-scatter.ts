/**
 * The studio's live scatter: a canvas that glides the subset's points from their previous codes to the new
 * ones whenever an update arrives, with the view following the cloud. Drawing reuses the explorer's raster
 * helpers (one 32-bit word per pixel into an `ImageData`, blitted once), so 5,000 points cost about a
 * millisecond a frame.
 */
import { packedClassColors, packRgb } from '../../lib/explorer/colors.js';
import { dataDomain, fitMapping, type Domain } from '../../lib/explorer/plot-mapping.js';
import { pointSize, rasterize } from '../../lib/explorer/raster.js';
import { blend, ease, type Frame } from '../../lib/studio/tween.js';

/** How long points take to reach their new positions, ms. */
export const GLIDE_MS = 600;

export interface LiveScatter {
  /** Show `frame`: points glide there from where they are now. */
  show(frame: Frame): void;
  /** The canvas's CSS size changed. */
  resize(width: number, height: number, dpr: number): void;
  destroy(): void;
}

function lerpDomain(a: Domain, b: Domain, s: number): Domain {
  return { x0: a.x0 + (b.x0 - a.x0) * s, x1: a.x1 + (b.x1 - a.x1) * s, y0: a.y0 + (b.y0 - a.y0) * s, y1: a.y1 + (b.y1 - a.y1) * s };
}

export function createLiveScatter(canvas: HTMLCanvasElement): LiveScatter {
  const ctx = canvas.getContext('2d')!;
  const colors = packedClassColors(64);
  const paper = packRgb(255, 255, 255);
  let from: Frame | null = null;
  let to: Frame | null = null;
  let fromDomain: Domain | null = null;
  let toDomain: Domain | null = null;
  let shown: { x: Float32Array; y: Float32Array } | undefined;
  let started = 0;
  let raf = 0;
  let dpr = 1;
  let image: ImageData | null = null;

  const draw = (now: number) => {
    raf = 0;
    if (!to || !image) return;
    const t = Math.min(1, (now - started) / GLIDE_MS);
    shown = blend(from, to, t, shown);
    const domain = fromDomain && toDomain ? lerpDomain(fromDomain, toDomain, ease(t)) : toDomain!;
    const words = new Uint32Array(image.data.buffer);
    words.fill(paper);
    const pad = 10 * dpr;
    const m = fitMapping(domain, image.width - 2 * pad, image.height - 2 * pad);
    const mapping = { x: { a: m.x.a, b: m.x.b + pad }, y: { a: m.y.a, b: m.y.b + pad } };
    rasterize(words, image.width, image.height, shown.x, shown.y, to.labels, allOf(to.x.length), colors, mapping, pointSize(1, dpr) + 1);
    ctx.putImageData(image, 0, 0);
    if (t < 1) raf = requestAnimationFrame(draw);
  };

  let all = new Uint32Array();
  const allOf = (n: number) => (all.length === n ? all : (all = Uint32Array.from({ length: n }, (_, i) => i)));

  const schedule = () => {
    if (!raf) raf = requestAnimationFrame(draw);
  };

  return {
    show(frame) {
      // Start from what is on screen now, so an update arriving mid-glide does not jump.
      from = to && shown ? { ...to, x: Float32Array.from(shown.x), y: Float32Array.from(shown.y) } : null;
      fromDomain = toDomain;
      to = frame;
      toDomain = dataDomain(frame.x, frame.y, 0.04);
      started = performance.now();
      schedule();
    },
    resize(width, height, ratio) {
      dpr = ratio;
      const w = Math.max(1, Math.round(width * dpr)),
        h = Math.max(1, Math.round(height * dpr));
      if (canvas.width === w && canvas.height === h && image) return;
      canvas.width = w;
      canvas.height = h;
      image = ctx.createImageData(w, h);
      started = performance.now() - GLIDE_MS;
      schedule();
    },
    destroy() {
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
    },
  };
}
