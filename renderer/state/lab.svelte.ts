/**
 * The latent lab's state: the chosen plane, the probe's full code, the free path's waypoints and its decoded
 * codes. No view imports here; nothing connects at import. `labPath` is the path as a list of codes, for the
 * animations that walk it.
 */
import type { PathMode } from '../../src/pure/latent/free-path.js';
import type { TransformKind } from '../../src/pure/latent/transform.js';

/** Which plane the lab's map shows. */
export type PlaneChoice = { kind: 'pca' | 'axes'; i: number; j: number } | { kind: 'samples'; indices: [number, number, number] };

/** A waypoint of the free path: a dataset sample, a point placed on the map (its full code), or a drawn digit. */
export type Waypoint =
  | { kind: 'sample'; index: number }
  | { kind: 'point'; code: number[] }
  | { kind: 'drawn'; code: number[]; /** The 784-pixel drawing, for the pixel blend. */ image: number[] };

export const lab = $state({
  /** null: the default for the model (latent axes 1, 2 for d = 2, principal components 1, 2 beyond). */
  plane: null as PlaneChoice | null,
  /** The probe's full code (d numbers), and the map point it was placed at. */
  probe: null as number[] | null,
  probeBase: null as number[] | null,
  waypoints: [] as Waypoint[],
  /** null: spherical for a VAE, linear otherwise. */
  mode: null as PathMode | null,
  stepsPerLeg: 8,
  traverseDim: 0,
  traverseSpan: 3,
  showCentroids: true,
  analogy: [7, 1, 4] as [number, number, number],
  attribute: { sample: 0, a: 9, b: 4 },
  priorSeed: 1,
  priorCount: 16,
  gridN: 10,
  contours: true,
  /** The KL panel's bars: largest first, or by dimension index. */
  klSorted: false,
  shade: false,
  latticeN: 48,
  inpaint: { index: 60_000, steps: 100 },
  transform: { index: 0, kind: 'rotate' as TransformKind, end: 90, show: true },
});

/** The free path as decoded: `points` codes of `d` numbers each, row-major; empty before there is one. */
export const labPath = $state({ codes: new Float32Array(0) as Float32Array, d: 0 });

/** The path as a list of latent points (one array per point), for walk animations. */
export function labPathPoints(): number[][] {
  const { codes, d } = labPath;
  if (!d) return [];
  return Array.from({ length: codes.length / d }, (_, i) => Array.from(codes.subarray(i * d, (i + 1) * d)));
}
