import { describe, expect, it } from 'vitest';
import { encodeGif, fixedPalette, GREY_STEP, type RgbaFrame } from '../../src/pure/anim/gif.js';
import { frameTimes, playOrder } from '../../src/pure/anim/sequence.js';
import { CLASS_COLORS, classColorRgb } from '../../src/pure/figures/palette.js';
import { decodeGif } from './gif-decode.js';

/** A frame of 10 class-colour stripes over a blend of every colour to stress the quantiser. */
function stripes(w: number, h: number, shift: number): RgbaFrame {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const k = (y * w + x) * 4;
      if (y < h / 2) rgba.set([...classColorRgb(Math.floor((x / w) * 10 + shift) % 10), 255], k);
      else rgba.set([(x * 7 + shift * 31) & 255, (y * 13) & 255, ((x + y) * 5) & 255, 255], k);
    }
  return { rgba, width: w, height: h };
}

describe('GIF writer', () => {
  it('keeps every class colour exactly, whatever else the frames hold', () => {
    const frames = [0, 1, 2].map((s) => stripes(120, 40, s));
    const gif = decodeGif(encodeGif(frames, { fps: 10 }));
    expect(gif.frames).toHaveLength(3);
    gif.frames.forEach((f, k) => {
      for (let x = 0; x < 120; x++) {
        const want = classColorRgb(Math.floor((x / 120) * 10 + k) % 10);
        expect([...f.rgba.subarray((5 * 120 + x) * 4, (5 * 120 + x) * 4 + 3)]).toEqual(want);
      }
    });
    for (const hex of CLASS_COLORS) expect(fixedPalette().map((c) => c.join())).toContain(classColorRgb(CLASS_COLORS.indexOf(hex)).join());
  });

  it('writes the delay, the loop flag and greys within half the ramp step', () => {
    const grey = new Uint8Array(256 * 4).map((_, i) => (i % 4 === 3 ? 255 : i >> 2));
    const once = decodeGif(encodeGif([{ rgba: grey, width: 256, height: 1 }], { fps: 4, loop: false }));
    expect(once.loop).toBeNull();
    expect(once.frames[0]!.delay).toBe(250);
    for (let v = 0; v < 256; v++) expect(Math.abs(once.frames[0]!.rgba[v * 4]! - v)).toBeLessThanOrEqual(GREY_STEP / 2);
    expect(decodeGif(encodeGif([{ rgba: grey, width: 256, height: 1 }], { fps: 4 })).loop).toBe(0);
  });

  it('writes unchanged pixels as transparent over the frame before: repeats cost almost nothing', () => {
    const a = stripes(200, 100, 0);
    const b = { ...a, rgba: a.rgba.slice() };
    b.rgba.set([...classColorRgb(3), 255], (50 * 200 + 100) * 4);
    const one = encodeGif([a], { fps: 5 }).length;
    const three = encodeGif([a, b, a], { fps: 5 }).length;
    expect(three - one).toBeLessThan(one * 0.2);
    const gif = decodeGif(encodeGif([a, b, a], { fps: 5 }));
    expect(Buffer.from(gif.frames[2]!.rgba)).toEqual(Buffer.from(gif.frames[0]!.rgba));
    expect([...gif.frames[1]!.rgba.subarray((50 * 200 + 100) * 4, (50 * 200 + 100) * 4 + 3)]).toEqual(classColorRgb(3));
  });

  it('refuses mismatched frames and bad rates', () => {
    expect(() => encodeGif([], { fps: 5 })).toThrow(/at least one frame/);
    expect(() => encodeGif([stripes(10, 10, 0), stripes(12, 10, 0)], { fps: 5 })).toThrow(/10x10/);
    expect(() => encodeGif([stripes(10, 10, 0)], { fps: 0 })).toThrow(/fps/);
  });

  it('plays ping-pong without repeating the ends', () => {
    expect(playOrder(4, true)).toEqual([0, 1, 2, 3, 2, 1]);
    expect(playOrder(4, false)).toEqual([0, 1, 2, 3]);
    expect(frameTimes(5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(() => frameTimes(0)).toThrow(/frames/);
  });
});
