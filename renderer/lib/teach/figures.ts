/**
 * The lessons' exports: each builds the figure of what its view shows, with the project's figure functions,
 * so an export from the app and one from the `figure` command look alike. Pure.
 */
import type { DenoiseResult, KernelPage } from '../../../src/pure/api/api.js';
import { renderDenoisingSvg } from '../../../src/pure/figures/denoising.js';
import { renderKernelsSvg } from '../../../src/pure/figures/kernels.js';
import { renderReconstructionsSvg } from '../../../src/pure/figures/reconstructions.js';
import { renderStrips, type StripRow } from '../../../src/pure/figures/strips.js';
import { SIZES } from '../../../src/pure/figures/style.js';
import { toLayerLayout } from './kernel-image.js';

/** Every lesson exports at the 16:9 slide size. */
export const FIGURE_SIZE = SIZES['16:9'];

export function reconstructionsFigure(
  shown: { originals: Uint8Array; reconstructions: Uint8Array; errors: Float32Array; labels: ArrayLike<number> },
  metric: string,
  title: string,
): string {
  return renderReconstructionsSvg(shown, { title, formatError: (e) => `${metric} ${e.toFixed(3)}` });
}

export function kernelsFigure(page: KernelPage, title: string): string {
  const area = page.side * page.side;
  return renderKernelsSvg(
    { weights: toLayerLayout(page.kernels, page.count, area), units: page.count, side: page.side },
    { title, max: page.count },
  );
}

export function denoisingFigure(
  res: DenoiseResult,
  labels: { corrupted: string; output: string; original: string },
  title: string,
): string {
  return renderDenoisingSvg(
    { corrupted: res.corrupted, outputs: res.output, originals: res.original, errors: [res.outputError] },
    { title, corruptedLabel: labels.corrupted, outputLabel: labels.output, originalLabel: labels.original, maxTile: 140 },
  );
}

/** Rows of digit strips with captions (PCA against the autoencoder, BCE against MSE). */
export function stripsFigure(rows: StripRow[], columns: number, title: string): string {
  return renderStrips(rows, columns, { title }, 'strips');
}
