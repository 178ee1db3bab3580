/**
 * The explorer's animations: an interpolation from the engine's answer turned into the pure frame function's
 * data, so the page's GIF frames are the CLI's frames. Pure: no DOM, no Svelte.
 */
import type { Interpolation } from '../../../src/pure/api/api.js';
import { renderInterpolationFrameSvg } from '../../../src/pure/anim/frames.js';
import { frameTimes } from '../../../src/pure/anim/sequence.js';
import type { FigureSize } from '../../../src/pure/figures/style.js';

/** Frame k of `strip.latent.length / 784` frames: the latent digit and the pixel cross-fade at t = k / (n - 1). */
export function interpolationFrames(strip: Interpolation, labels: { latent: string; pixel: string }, size: FigureSize) {
  const count = Math.floor(strip.latent.length / 784);
  const times = frameTimes(count);
  const data = { latent: strip.latent, pixel: strip.pixel, latentLabel: labels.latent, pixelLabel: labels.pixel };
  return { count, frame: (k: number) => renderInterpolationFrameSvg(data, times[k]!, { size }) };
}
