/**
 * Reads an exported figure back: the latent range its axes span (from the axis line and two tick labels), so a
 * test can compare an export's zoom with the view's, and the embedded images' pixel sizes. Pure string parsing.
 */
import { readPngSize } from '../../../src/pure/figures/png.js';

const tickValue = (label: string) => Number(label.replace(/\u2212/g, '-').replace(/,/g, ''));

/** The data range `[lo, hi]` the figure's x or y axis spans, from its tick labels' positions and values. */
export function axisDomain(svg: string, axis: 'x' | 'y'): [number, number] {
  const line = new RegExp(`aria-label="${axis}-axis domain" d="M([-\\d.]+),([-\\d.]+)[HV]([-\\d.]+)"`).exec(svg);
  if (!line) throw new Error(`no ${axis}-axis line in the SVG`);
  const [start, end] = axis === 'x' ? [Number(line[1]), Number(line[3])] : [Number(line[2]), Number(line[3])];
  const block = svg.slice(svg.indexOf(`aria-label="${axis}-axis tick label"`));
  const labels = block.slice(0, block.indexOf('</g>'));
  const attr = axis === 'x' ? 'x' : 'y';
  const ticks = [...labels.matchAll(new RegExp(`<text[^>]* ${attr}="([-\\d.]+)"[^>]*>([^<]+)</text>`, 'g'))].map((m) => ({
    at: Number(m[1]),
    value: tickValue(m[2]!),
  }));
  if (ticks.length < 2) throw new Error(`${axis} axis has ${ticks.length} tick labels, need 2`);
  const [a, b] = [ticks[0]!, ticks[ticks.length - 1]!];
  const valueAt = (px: number) => a.value + ((px - a.at) * (b.value - a.value)) / (b.at - a.at);
  const [v0, v1] = [valueAt(start), valueAt(end)];
  return [Math.min(v0, v1), Math.max(v0, v1)];
}

/** Pixel sizes of the PNG data URIs embedded in the SVG, in document order. */
export function embeddedPngSizes(svg: string): { width: number; height: number }[] {
  return [...svg.matchAll(/href="data:image\/png;base64,([^"]+)"/g)].map((m) => readPngSize(Uint8Array.from(Buffer.from(m[1]!, 'base64'))));
}
