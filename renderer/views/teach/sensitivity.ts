/** Sensitivity maps as grey images on one shared scale, so two models' maps can be compared by eye. Pure. */

/** Each map as 784 bytes, 255 at the largest value over all maps (a square-root scale keeps faint pixels visible). */
export function sensitivityImages(maps: readonly Float32Array[]): Uint8Array[] {
  let top = 0;
  for (const m of maps) for (const v of m) if (v > top) top = v;
  return maps.map((m) => Uint8Array.from(m, (v) => (top > 0 ? Math.round(255 * Math.sqrt(Math.max(0, v) / top)) : 0)));
}
