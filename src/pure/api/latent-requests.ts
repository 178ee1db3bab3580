/** The latent lab's request schemas (part of `requestSchemas` in api.ts). Pure. */
import { z } from 'zod';
import { IMAGE_PIXELS } from '../data/image.js';
import { TRANSFORMS } from '../latent/transform.js';
import { MAX_CODE_FLOATS, MAX_DECODE_POINTS, MAX_GRID, MAX_IMAGES, MAX_STEPS } from './limits.js';
import { finite, finiteFloats, index, runId } from './schema-parts.js';

/** The latent lab's requests: codes in and out, any plane, class centroids, prior samples. */
export function latentRequestSchemas() {
  const dim = z.number().int().min(0).max(63);
  return {
    latentCodes: z
      .object({ indices: z.instanceof(Uint32Array).refine((a) => a.length <= MAX_IMAGES, `at most ${MAX_IMAGES} images`), runId })
      .strict(),
    latentPlane: z
      .object({
        runId,
        plane: z.discriminatedUnion('kind', [
          /** Principal components i and j (0-based) through the codes' mean. */
          z.object({ kind: z.literal('pca'), i: dim, j: dim }).strict(),
          /** Latent axes z_i and z_j through the origin. */
          z.object({ kind: z.literal('axes'), i: dim, j: dim }).strict(),
          /** The plane through three samples' codes. */
          z.object({ kind: z.literal('samples'), indices: z.tuple([index, index, index]) }).strict(),
        ]),
      })
      .strict(),
    decodeLatent: z.object({ codes: finiteFloats(MAX_CODE_FLOATS), runId }).strict(),
    encodeLatent: z
      .object({
        images: z
          .instanceof(Uint8Array)
          .refine(
            (a) => a.length > 0 && a.length % IMAGE_PIXELS === 0 && a.length <= MAX_DECODE_POINTS * IMAGE_PIXELS,
            `1..${MAX_DECODE_POINTS} whole images`,
          ),
        runId,
      })
      .strict(),
    classCentroids: z.object({ runId }).strict().optional(),
    /** A VAE's KL per latent dimension over the test split (see `LatentKl`). */
    latentKl: z.object({ runId }).strict().optional(),
    classifierInfo: z.object({ runId }).strict().optional(),
    classifyCodes: z.object({ codes: finiteFloats(MAX_CODE_FLOATS), runId }).strict(),
    inpaint: z
      .object({
        index,
        /** 784 entries, 1 where a pixel is hidden. */
        mask: z
          .instanceof(Uint8Array)
          .refine((a) => a.length === IMAGE_PIXELS, `mask must have ${IMAGE_PIXELS} entries`)
          .refine((a) => a.some((v) => v === 1) && a.some((v) => v === 0), 'the mask must hide some pixels and leave some visible'),
        steps: z.number().int().min(1).max(500),
        learningRate: z.number().gt(0).max(1).optional(),
        runId,
      })
      .strict(),
    transformPath: z
      .object({
        /** Dataset sample to transform. */
        index,
        kind: z.enum(TRANSFORMS),
        /** Amounts in the kind's range (degrees, pixels, scale, gain, block size), one image per amount. */
        amounts: z.array(finite).min(2).max(MAX_STEPS),
        runId,
      })
      .strict(),
    priorSamples: z
      .object({
        runId,
        seed: z
          .number()
          .int()
          .nonnegative()
          .max(2 ** 32 - 1),
        count: z
          .number()
          .int()
          .min(1)
          .max(MAX_GRID * MAX_GRID),
      })
      .strict(),
  };
}
