import { fitPca, projectPca, unprojectPca, type Pca } from './pca.js';

/**
 * The 2-D plane the explorer shows for a latent space of size d. For d = 2 it is the latent space itself; for
 * d > 2 it is the plane of the codes' first two principal components, and points picked on it map back to
 * codes on that plane (mean + x pc1 + y pc2). For d = 1 the plane's y is always 0.
 */
export class LatentPlane {
  readonly d: number;
  /** True when the plane is a PCA projection (d > 2), false when it shows the codes as they are. */
  readonly projected: boolean;
  private readonly pca: Pca | null;

  /**
   * @param codes `n * d` floats, the codes the plane is fitted to (read, not kept).
   * @param fitted their 2-component PCA when the caller computed it (src/latent/plane-fit.ts, for large d).
   */
  constructor(codes: Float32Array, n: number, d: number, fitted?: Pca) {
    this.d = d;
    this.projected = d > 2;
    if (fitted && (fitted.d !== d || fitted.k !== 2)) throw new RangeError(`a plane for d = ${d} needs a 2-component PCA of d = ${d}`);
    this.pca = this.projected ? (fitted ?? fitPca(codes, n, d, 2)) : null;
  }

  /** Plane coordinates of `codes` (`m * d`): `m * 2` floats, interleaved x, y. */
  toPlane(codes: Float32Array): Float32Array {
    const m = codes.length / this.d;
    if (this.pca) return projectPca(this.pca, codes, m);
    if (this.d === 2) return Float32Array.from(codes);
    const out = new Float32Array(m * 2);
    for (let i = 0; i < m; i++) out[2 * i] = codes[i * this.d]!;
    return out;
  }

  /** Codes for plane points (`m * 2`, interleaved x, y): `m * d` floats. */
  toCodes(planePoints: Float32Array): Float32Array {
    const m = planePoints.length / 2;
    if (this.pca) return unprojectPca(this.pca, planePoints, m);
    if (this.d === 2) return Float32Array.from(planePoints);
    const out = new Float32Array(m * this.d);
    for (let i = 0; i < m; i++) out[i * this.d] = planePoints[2 * i]!;
    return out;
  }
}
