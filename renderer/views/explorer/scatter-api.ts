/** Props of the scatter component (Scatter.svelte), documented apart so the component stays a template. */
import type { Embedding } from '../../../src/pure/api/api.js';
import type { Domain } from '../../lib/explorer/plot-mapping.js';
import type { Split } from '../../lib/explorer/raster.js';

/** A labelled point on the plot; `kind` picks its style. */
export interface PlotLabel {
  x: number;
  y: number;
  text: string;
  kind?: 'centroid' | 'result' | 'waypoint';
}

export interface ScatterProps {
  embedding: Embedding | null;
  split: Split;
  hidden: readonly number[];
  thumbnails: boolean;
  /** Saved latent region to show first. */
  view: Domain | null;
  onView?: (d: Domain) => void;
  /** Decode probe (crosshair); with `onProbe`, clicks and drags move it. */
  probe?: [number, number] | null;
  onProbe?: (p: [number, number]) => void;
  /** Interpolation path, interleaved x, y, and its two samples. */
  path?: Float32Array | null;
  pair?: readonly (number | null)[];
  /** The drawn digit's code. */
  mark?: [number, number] | null;
  /** Labelled points (class centroids, analogy results, path waypoints), in plane units. */
  labels?: readonly PlotLabel[];
  /** A second path (e.g. a transformation's codes), interleaved x, y, drawn solid with a dot per point. */
  trail?: Float32Array | null;
  /** An image laid over a box of the plane (a classifier's shading), as a data URL. */
  shade?: { href: string; x0: number; x1: number; y0: number; y1: number } | null;
  /** Circles in plane units (a prior's contours), drawn as the mapping shows them. */
  circles?: readonly { cx: number; cy: number; r: number }[];
  /** A sample selected elsewhere (compare view). */
  highlight?: number | null;
  onPick?: (index: number) => void;
  /** Without `onProbe`, a plain click selects the nearest sample. */
  onSelect?: (index: number) => void;
  fetchImages: (indices: Uint32Array<ArrayBuffer>) => Promise<Uint8Array>;
  classNames: readonly string[];
  note?: string;
  debugName: string;
}
