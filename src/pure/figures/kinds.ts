/** The figure kinds the app and the `figure` command produce, and what one request for a figure carries. */
import type { DigitTone } from './digits.js';
import type { FigureOptions } from './style.js';

export const FIGURE_KINDS = ['scatter', 'grid', 'interpolation', 'reconstructions', 'loss', 'kernels', 'denoising'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** A figure of a run, as the `figure` command asks for it. */
export interface FigureRequest extends FigureOptions {
  kind: FigureKind;
  /** First test image: interpolation start, first image of the strips. */
  from: number;
  /** Interpolation end image. */
  to: number;
  /** Interpolation steps, or images in the reconstruction and denoising strips. */
  steps: number;
  /** Manifold grid side. */
  grid: number;
  /** Scatter: how many images to encode (the test set first, then train images). */
  points: number;
  tone: DigitTone;
}
