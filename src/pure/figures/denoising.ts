/**
 * Denoising before/after: the corrupted input, what the denoising autoencoder outputs, and the clean original.
 */
import type { PackedImages } from './digits.js';
import { renderStrips, type StripOptions } from './strips.js';

const defaults = {
  corruptedLabel: 'corrupted',
  outputLabel: 'denoised',
  originalLabel: 'original',
};

export interface DenoisingData {
  corrupted: PackedImages;
  outputs: PackedImages;
  originals: PackedImages;
  /** Per-image error of the output against the original; captions under the outputs when given. */
  errors?: ArrayLike<number>;
}

export interface DenoisingOptions extends StripOptions {
  corruptedLabel?: string;
  outputLabel?: string;
  originalLabel?: string;
}

/** Renders corrupted / denoised / original rows as an SVG document string. */
export function renderDenoisingSvg(data: DenoisingData, options: DenoisingOptions = {}): string {
  const o = { ...defaults, ...options };
  const count = Math.floor(Math.min(data.corrupted.length, data.outputs.length, data.originals.length) / 784);
  const errors = data.errors ? Array.from({ length: count }, (_, i) => data.errors![i]!.toFixed(3)) : undefined;
  return renderStrips(
    [
      { label: o.corruptedLabel, images: data.corrupted },
      { label: o.outputLabel, images: data.outputs, captions: errors },
      { label: o.originalLabel, images: data.originals },
    ],
    count,
    o,
    'denoising',
  );
}
