/** Latent-space maths: encode, decode, interpolate, grid, PCA baseline, kNN score, the display plane. */
export { PIXELS } from './batching.js';
export { encodeAll, type EncodeOptions } from './encode-all.js';
export { decodeCodes } from './decode-codes.js';
export { reconstructionErrors } from './reconstruction-errors.js';
export { lerp, lerpCodes, slerpCodes, blendPixels, crossFade } from './interpolate.js';
export { gridPoints } from './grid.js';
export { fitPca, projectPca, unprojectPca, type Pca } from './pca.js';
export { principalAngles } from './principal-angles.js';
export { KdTree } from './kd-tree.js';
export { knnAccuracy } from './knn.js';
export { LatentPlane } from './plane.js';
