/**
 * Interpolation strip: the decoded latent path between two images on top, the pixel-space cross-fade of the
 * same two images under it, so the eye can compare a path through the model's manifold with plain blending.
 */
import type { PackedImages } from './digits.js';
import { renderStrips, type StripOptions } from './strips.js';

const defaults = {
  latentLabel: 'latent',
  pixelLabel: 'pixel',
  /** Show t = 0 ... 1 under the pixel row. */
  showT: true,
};

export interface InterpolationData {
  /** `steps` decoded images along the latent path, t = 0..1. */
  latent: PackedImages;
  /** `steps` pixel-space blends of the two end images, t = 0..1. */
  pixel: PackedImages;
  /** Text above the first and last columns, e.g. "#7 (9)". */
  fromLabel?: string;
  toLabel?: string;
  /** `linear` or `spherical`; named in the latent row's label when given. */
  mode?: 'linear' | 'spherical';
}

export interface InterpolationOptions extends StripOptions {
  latentLabel?: string;
  pixelLabel?: string;
  showT?: boolean;
}

/** Renders an interpolation figure (latent row over pixel row) as an SVG document string. */
export function renderInterpolationSvg(data: InterpolationData, options: InterpolationOptions = {}): string {
  const o = { ...defaults, ...options };
  const steps = Math.floor(Math.min(data.latent.length, data.pixel.length) / 784);
  const t = Array.from({ length: steps }, (_, i) => (steps > 1 ? i / (steps - 1) : 0));
  const headers = t.map((_, i) => (i === 0 ? (data.fromLabel ?? null) : i === steps - 1 ? (data.toLabel ?? null) : null));
  return renderStrips(
    [
      { label: data.mode === 'spherical' ? `${o.latentLabel} (slerp)` : o.latentLabel, images: data.latent },
      { label: o.pixelLabel, images: data.pixel, captions: o.showT ? t.map((v) => `t=${+v.toFixed(2)}`) : undefined },
    ],
    steps,
    { ...o, columnHeaders: o.columnHeaders ?? headers },
    'interpolation',
  );
}
