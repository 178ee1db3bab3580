/** Small zod schemas the request schemas share (api.ts, latent-requests.ts). Pure. */
import { z } from 'zod';

export const finite = z.number().finite();
export const index = z.number().int().nonnegative();

/** A Float32Array of at most `max` points of `multipleOf` finite coordinates. */
export const finiteFloats = (max: number, multipleOf = 1) =>
  z
    .instanceof(Float32Array)
    .refine((a) => a.length <= max * multipleOf, `at most ${max} points`)
    .refine((a) => a.length % multipleOf === 0, `length must be a multiple of ${multipleOf}`)
    .refine((a) => a.every(Number.isFinite), 'coordinates must be finite numbers');

/** Optional run to answer with (the compare view keeps two open); the current run when absent. */
export const runId = z.string().min(1).max(200).optional();
