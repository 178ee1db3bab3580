/**
 * Reconstructions: originals over what the autoencoder makes of them, with each image's error under it.
 */
import type { PackedImages } from './digits.js';
import { renderStrips, type StripOptions } from './strips.js';

const defaults = {
  originalLabel: 'original',
  reconstructionLabel: 'reconstruction',
  /** Formats one error value for its caption. */
  formatError: (e: number) => e.toFixed(3),
};

export interface ReconstructionsData {
  originals: PackedImages;
  reconstructions: PackedImages;
  /** Per-image error (e.g. mean squared error on 0..1 pixels); captions under the reconstructions when given. */
  errors?: ArrayLike<number>;
  /** Class of each original, shown above its column when given. */
  labels?: ArrayLike<number>;
  /** Names of the classes (label = index), shown instead of the label numbers when given. */
  classNames?: readonly string[];
}

export interface ReconstructionsOptions extends StripOptions {
  originalLabel?: string;
  reconstructionLabel?: string;
  formatError?: (error: number) => string;
}

/** Renders originals over reconstructions as an SVG document string. */
export function renderReconstructionsSvg(data: ReconstructionsData, options: ReconstructionsOptions = {}): string {
  const o = { ...defaults, ...options };
  const count = Math.floor(Math.min(data.originals.length, data.reconstructions.length) / 784);
  const errors = data.errors ? Array.from({ length: count }, (_, i) => o.formatError(data.errors![i]!)) : undefined;
  const headers = data.labels
    ? Array.from({ length: count }, (_, i) => data.classNames?.[data.labels![i]!] ?? String(data.labels![i]))
    : undefined;
  return renderStrips(
    [
      { label: o.originalLabel, images: data.originals },
      { label: o.reconstructionLabel, images: data.reconstructions, captions: errors },
    ],
    count,
    { ...o, columnHeaders: o.columnHeaders ?? headers },
    'reconstructions',
  );
}
