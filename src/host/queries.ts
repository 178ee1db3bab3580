/**
 * The inference requests, on an open model: decode plane points, encode a drawn image, reconstruct dataset
 * images, interpolate between two of them, decode a manifold grid. They go through the run's LatentModel, so
 * trained, Keras and PyTorch runs answer alike. A TF.js model answers synchronously (its promise is already
 * settled), so one such request never interleaves with another or with a training batch; onnxruntime works
 * on its own threads.
 */
import { ApiError, IMAGE_PIXELS, type Interpolation, type ResponseMap } from '../pure/api/api.js';
import { decodeImages, reconstructImages, tfjsTrainedModel } from '../latent/latent-model.js';
import { gridPoints } from '../pure/latent/grid.js';
import { crossFade, lerpCodes, slerpCodes } from '../pure/latent/interpolate.js';
import type { LatentPlane } from '../pure/latent/plane.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { OpenModel } from './models.js';
import type { RunNet } from './model-net.js';

/** The model's LatentModel (a training's live model has none of its own: its TF.js pair, never disposed here). */
export function netOf(model: OpenModel): RunNet {
  return model.net ?? { ...tfjsTrainedModel(model.encoder, model.decoder, model.dims), dispose() {} };
}

/** Images for plane points (`n * 2`, interleaved x, y): `n * 784` bytes. */
export async function decodePoints(model: OpenModel, plane: LatentPlane, points: Float32Array): Promise<Uint8Array> {
  if (points.length === 0) return new Uint8Array(0);
  return decodeImages(netOf(model), plane.toCodes(points));
}

export async function encodeImage(model: OpenModel, plane: LatentPlane, image: Uint8Array): Promise<ResponseMap['encode']> {
  const net = netOf(model);
  const code = await net.encode(image, 1);
  return { point: plane.toPlane(code), reconstruction: await decodeImages(net, code) };
}

export async function reconstruct(model: OpenModel, data: DatasetIndex, indices: Uint32Array): Promise<ResponseMap['reconstruct']> {
  const originals = data.gather(indices);
  if (indices.length === 0) return { images: originals, errors: new Float32Array(0) };
  const net = netOf(model);
  return net.reconstruct
    ? net.reconstruct(originals, indices.length, model.config.loss)
    : reconstructImages(net, originals, indices.length, model.config.loss);
}

/**
 * Latent path between dataset images `from` and `to` (spherical for VAEs, whose codes sit on a shell; straight
 * otherwise), decoded; beside it the pixel-space cross-fade of the same two images.
 */
export async function interpolate(
  model: OpenModel,
  plane: LatentPlane,
  data: DatasetIndex,
  from: number,
  to: number,
  steps: number,
): Promise<Interpolation> {
  const pair = data.gather([from, to]);
  const a = pair.subarray(0, IMAGE_PIXELS);
  const b = pair.subarray(IMAGE_PIXELS);
  const net = netOf(model);
  const codes = await net.encode(pair, 2);
  const d = model.dims;
  const mode = model.config.arch === 'vae' ? 'spherical' : 'linear';
  const path = (mode === 'spherical' ? slerpCodes : lerpCodes)(codes.subarray(0, d), codes.subarray(d), steps);
  return {
    latent: await decodeImages(net, path),
    pixel: crossFade(a, b, steps),
    path: plane.toPlane(path),
    mode,
  };
}

export async function grid(
  model: OpenModel,
  plane: LatentPlane,
  box: { x0: number; x1: number; y0: number; y1: number },
  n: number,
): Promise<ResponseMap['grid']> {
  if (box.x0 === box.x1 || box.y0 === box.y1) throw new ApiError('bad-request', 'grid: the box has zero width or height');
  return { images: await decodePoints(model, plane, gridPoints(box.x0, box.x1, box.y0, box.y1, n)), n };
}
