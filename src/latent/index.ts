/** Latent-space maths: encode, decode, interpolate, grid, PCA baseline, kNN score, the display plane. */
export { PIXELS } from './batching.js';
export { encodeAll, type EncodeOptions } from './encode-all.js';
export { decodeCodes } from './decode-codes.js';
export { reconstructionErrors } from './reconstruction-errors.js';
export { lerp, lerpCodes, slerpCodes, blendPixels, crossFade } from '../pure/latent/interpolate.js';
export { gridPoints } from '../pure/latent/grid.js';
export { fitPca, projectPca, unprojectPca, type Pca } from '../pure/latent/pca.js';
export { principalAngles } from '../pure/latent/principal-angles.js';
export { KdTree } from '../pure/latent/kd-tree.js';
export { knnAccuracy } from '../pure/latent/knn.js';
export { LatentPlane } from '../pure/latent/plane.js';
export { fitPlane } from './plane-fit.js';
