/**
 * The inference requests, on an open model: decode plane points, encode a drawn image, reconstruct dataset
 * images, interpolate between two of them, decode a manifold grid. All synchronous once the model is open,
 * so one request never interleaves with another or with a training batch.
 */
import { ApiError, IMAGE_PIXELS, type Interpolation, type ResponseMap } from '../pure/api/api.js';
import { decodeCodes } from '../latent/decode-codes.js';
import { encodeAll } from '../latent/encode-all.js';
import { gridPoints } from '../pure/latent/grid.js';
import { crossFade, lerpCodes, slerpCodes } from '../pure/latent/interpolate.js';
import type { LatentPlane } from '../pure/latent/plane.js';
import { reconstructionErrors } from '../latent/reconstruction-errors.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { OpenModel } from './models.js';

/** Images for plane points (`n * 2`, interleaved x, y): `n * 784` bytes. */
export function decodePoints(model: OpenModel, plane: LatentPlane, points: Float32Array): Uint8Array {
  if (points.length === 0) return new Uint8Array(0);
  return decodeCodes(model.decoder, plane.toCodes(points), model.dims);
}

export function encodeImage(model: OpenModel, plane: LatentPlane, image: Uint8Array): ResponseMap['encode'] {
  const code = encodeAll(model.encoder, image, 1);
  return { point: plane.toPlane(code), reconstruction: decodeCodes(model.decoder, code, model.dims) };
}

export function reconstruct(model: OpenModel, data: DatasetIndex, indices: Uint32Array): ResponseMap['reconstruct'] {
  const originals = data.gather(indices);
  if (indices.length === 0) return { images: originals, errors: new Float32Array(0) };
  const images = new Uint8Array(originals.length);
  const errors = reconstructionErrors(model.encoder, model.decoder, originals, indices.length, model.config.loss, undefined, images);
  return { images, errors };
}

/**
 * Latent path between dataset images `from` and `to` (spherical for VAEs, whose codes sit on a shell; straight
 * otherwise), decoded; beside it the pixel-space cross-fade of the same two images.
 */
export function interpolate(
  model: OpenModel,
  plane: LatentPlane,
  data: DatasetIndex,
  from: number,
  to: number,
  steps: number,
): Interpolation {
  const pair = data.gather([from, to]);
  const a = pair.subarray(0, IMAGE_PIXELS);
  const b = pair.subarray(IMAGE_PIXELS);
  const codes = encodeAll(model.encoder, pair, 2);
  const d = model.dims;
  const mode = model.config.arch === 'vae' ? 'spherical' : 'linear';
  const path = (mode === 'spherical' ? slerpCodes : lerpCodes)(codes.subarray(0, d), codes.subarray(d), steps);
  return {
    latent: decodeCodes(model.decoder, path, d),
    pixel: crossFade(a, b, steps),
    path: plane.toPlane(path),
    mode,
  };
}

export function grid(
  model: OpenModel,
  plane: LatentPlane,
  box: { x0: number; x1: number; y0: number; y1: number },
  n: number,
): ResponseMap['grid'] {
  if (box.x0 === box.x1 || box.y0 === box.y1) throw new ApiError('bad-request', 'grid: the box has zero width or height');
  return { images: decodePoints(model, plane, gridPoints(box.x0, box.x1, box.y0, box.y1, n)), n };
}
