import { describe, expect, it } from 'vitest';
import { kernelTiles, toLayerLayout, weightColor } from '../../../../renderer/lib/teach/kernel-image.js';

describe('teach/kernel-image', () => {
  it('weightColor maps -limit to blue, 0 to near white and +limit to red, clamping beyond', () => {
    const [r0, g0, b0] = weightColor(0, 1);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(230);
    const [rr, , rb] = weightColor(1, 1);
    expect(rr).toBeGreaterThan(rb);
    const [br, , bb] = weightColor(-1, 1);
    expect(bb).toBeGreaterThan(br);
    expect(weightColor(5, 1)).toEqual(weightColor(1, 1));
  });

  it('kernelTiles(2x2 kernels, 3 kernels, 2 cols, gap 1) lays tiles row-major with white gaps', () => {
    const kernels = Float32Array.of(1, 0, 0, 0, /**/ 0, -1, 0, 0, /**/ 0, 0, 0, 1);
    const { rgba, width, height } = kernelTiles(kernels, 3, 2, 1, 2, 1);
    expect([width, height]).toEqual([5, 5]);
    const at = (x: number, y: number) => Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 3));
    expect(at(0, 0)).toEqual([...weightColor(1, 1)]);
    expect(at(4, 0)).toEqual([...weightColor(-1, 1)]);
    expect(at(1, 4)).toEqual([...weightColor(1, 1)]);
    expect(at(2, 0)).toEqual([255, 255, 255]);
    expect(rgba[3]).toBe(255);
  });

  it('toLayerLayout turns kernel-major rows back into a layer kernel [inputs, units]', () => {
    expect([...toLayerLayout(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3)]).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
