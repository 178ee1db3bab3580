/**
 * The explorer's animations: an interpolation (optionally over the map as seen) and a walk along plane points,
 * turned into the data of the pure frame functions, so the page's frames are the CLI's frames. Pure: no DOM.
 */
import type { Interpolation } from '../../../src/pure/api/api.js';
import { pointOnPath, renderInterpolationFrameSvg, renderWalkFrameSvg, type MapData } from '../../../src/pure/anim/frames.js';
import { frameTimes } from '../../../src/pure/anim/sequence.js';
import type { FigureSize } from '../../../src/pure/figures/style.js';
import { scatterFigureSpec, type ScatterViewState } from './export-figures.js';

/** The map panel from the scatter as the view shows it (shown points, zoom, axis names). */
export function mapFromView(state: ScatterViewState, projected: boolean): MapData {
  const { data, options } = scatterFigureSpec({ ...state, path: null, pair: [], probe: null, mark: null });
  return {
    scatter: data,
    xDomain: options.xDomain!,
    yDomain: options.yDomain!,
    ...(projected ? { xLabel: 'PC 1', yLabel: 'PC 2' } : {}),
  };
}

/** Frame k of `strip.latent.length / 784` frames: the latent digit and the pixel cross-fade at t = k / (n - 1). */
export function interpolationFrames(
  strip: Interpolation,
  labels: { latent: string; pixel: string },
  size: FigureSize,
  map: MapData | null = null,
) {
  const count = Math.floor(strip.latent.length / 784);
  const times = frameTimes(count);
  const data = {
    latent: strip.latent,
    pixel: strip.pixel,
    latentLabel: labels.latent,
    pixelLabel: labels.pixel,
    ...(map ? { map: { ...map, path: strip.path } } : {}),
  };
  return { count, frame: (k: number) => renderInterpolationFrameSvg(data, times[k]!, { size }) };
}

/** The plane points a walk of `frames` frames decodes: evenly spaced by arc length along the waypoints. */
export function walkPoints(waypoints: readonly number[], frames: number): Float32Array<ArrayBuffer> {
  return Float32Array.from(frameTimes(frames).flatMap((t) => pointOnPath(waypoints, t)));
}

/** A walk's frames: `images` are the decodes of {@link walkPoints}. Any list of plane points works (clicked, drawn, saved). */
export function walkFrames(map: MapData, waypoints: readonly number[], images: Uint8Array, size: FigureSize, label: string) {
  const count = Math.floor(images.length / 784);
  const times = frameTimes(count);
  return { count, frame: (k: number) => renderWalkFrameSvg({ map, path: waypoints, images, label }, times[k]!, { size }) };
}
