/**
 * The latent lab's exports: strips of decoded codes (a free path over its pixel blend, a traversal, centroids,
 * prior samples) and the Gaussian-quantile manifold. Pure: the project's figure functions, no DOM.
 */
import { renderGridSvg } from '../../../src/pure/figures/grid.js';
import { renderStrips, type StripRow } from '../../../src/pure/figures/strips.js';
import { PANEL_SIZE } from '../../lib/explorer/export-figures.js';

export { PANEL_SIZE };

/** Rows of decoded images, one figure; `headers` over the columns (null for none). */
export function stripFigure(rows: readonly StripRow[], headers?: readonly (string | null)[], title?: string): string {
  const columns = Math.max(1, ...rows.map((r) => Math.floor(r.images.length / 784)));
  return renderStrips(rows, columns, { size: '16:9', columnHeaders: headers, ...(title ? { title } : {}) }, title ?? 'latent strip');
}

/** The quantile manifold: `n * n` decodes over the range of the Gaussian quantiles used. */
export function quantileGridFigure(images: Uint8Array, n: number, lo: number, hi: number): string {
  // The tiles of gridPoints sit at cell centres; the quantile grid is not evenly spaced, so the axes show its span.
  return renderGridSvg({ images, n, x: [lo, hi], y: [lo, hi] }, { size: '16:9' });
}
