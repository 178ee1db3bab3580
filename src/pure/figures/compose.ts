/**
 * Several figures in one: each panel is a whole figure document (drawn by its own figure function at the panel's
 * size) nested as an `<svg>` at its place, so a composite frame shows exactly what the still figures show.
 */
import { frame, frameLayout, type Box, type FigureOptions } from './style.js';

export interface Panel {
  /** A figure document from one of the figure functions, drawn at `box.width` x `box.height`. */
  svg: string;
  box: Box;
}

/** Strips the XML declaration and places the root `<svg>` at the panel's corner. */
export function nest(panel: Panel): string {
  const body = panel.svg.replace(/^<\?xml[^>]*\?>\s*/, '').trimEnd();
  if (!body.startsWith('<svg')) throw new Error('a panel must be an SVG document');
  return body.replace(/^<svg/, `<svg x="${panel.box.x}" y="${panel.box.y}"`);
}

/** Splits the content box of a figure into `n` columns with the given relative widths, all in whole px. */
export function columns(opts: FigureOptions, weights: readonly number[], gap = 8): Box[] {
  const { plot } = frameLayout(opts);
  const total = weights.reduce((a, b) => a + b, 0);
  const free = plot.width - gap * (weights.length - 1);
  let x = plot.x;
  return weights.map((w) => {
    const width = Math.floor((free * w) / total);
    const box = { x, y: Math.round(plot.y), width, height: Math.floor(plot.height) };
    x += width + gap;
    return box;
  });
}

/** The composite figure: panels side by side under the shared title. */
export function composeSvg(opts: FigureOptions, ariaLabel: string, panels: readonly Panel[]): string {
  return frame(opts, ariaLabel, panels.map(nest));
}
