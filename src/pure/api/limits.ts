/** Limits on what one API request may carry: the schemas enforce them, the page and the CLI read them. Pure. */

/** Largest number of points one decode request may carry (a 100x100 grid). */
export const MAX_DECODE_POINTS = 10_000;
/** Largest manifold grid side. */
export const MAX_GRID = 60;
/** Largest number of interpolation steps. */
export const MAX_STEPS = 64;
/** Runs one comparison figure may hold. */
export const MAX_COMPARE_RUNS = 10;
/** Largest number of dataset images one request may fetch. */
export const MAX_IMAGES = 20_000;
/** Most kernels one `kernels` page may carry. */
export const MAX_KERNEL_PAGE = 256;
/** Most images one reconstruction report (or PCA comparison) may score. */
export const MAX_REPORT = 10_000;
/** Largest file one model import or run zip may carry (a dense 784-1024-... model in float32 is ~10 MB). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** Most images one sensitivity map may average over (one backward pass per code unit each). */
export const MAX_SENSITIVITY = 1_000;

/** Most latent codes one request may carry (floats): a full decode request at the largest latent size. */
export const MAX_CODE_FLOATS = MAX_DECODE_POINTS * 64;
