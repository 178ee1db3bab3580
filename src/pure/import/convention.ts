/**
 * How a model made elsewhere wants its images and gives its outputs: the input layout (a flat 784 vector, Keras'
 * 28x28x1 or PyTorch's 1x28x28), the pixel range its training used, and whether the decoder ends in a sigmoid
 * (probabilities), before one (logits), or in the input's own range (e.g. tanh for [-1, 1]). Pure: the page
 * shows and asks for these, the engine applies them.
 */
import { z } from 'zod';
import { IMAGE_PIXELS, IMAGE_SIDE } from '../data/image.js';

export const INPUT_LAYOUTS = ['784', '28x28x1', '1x28x28'] as const;
export const PIXEL_RANGES = ['0..1', '0..255', '-1..1'] as const;
export const OUTPUT_KINDS = ['probabilities', 'logits', 'pixels'] as const;
export type InputLayout = (typeof INPUT_LAYOUTS)[number];
export type PixelRange = (typeof PIXEL_RANGES)[number];
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export const conventionSchema = z
  .object({
    layout: z.enum(INPUT_LAYOUTS),
    range: z.enum(PIXEL_RANGES),
    /** `pixels`: the decoder gives pixels in `range` (a tanh output for [-1, 1]). */
    output: z.enum(OUTPUT_KINDS),
  })
  .strict();
export type Convention = z.infer<typeof conventionSchema>;

/** The tensor shape (without the batch axis) of a layout. */
export function layoutShape(layout: InputLayout): number[] {
  return layout === '784' ? [IMAGE_PIXELS] : layout === '28x28x1' ? [IMAGE_SIDE, IMAGE_SIDE, 1] : [1, IMAGE_SIDE, IMAGE_SIDE];
}

/**
 * The layout a model's input shape (batch axis first, unknown sizes as null or names) stands for, or null when
 * it is none of them. A 28x28 input without a channel axis counts as 784 in 28 rows: same bytes, same order.
 */
export function detectLayout(shape: readonly (number | string | null)[]): InputLayout | null {
  const dims = shape.slice(1).map((d) => (typeof d === 'number' ? d : null));
  const is = (...want: number[]) => dims.length === want.length && want.every((w, i) => dims[i] === w);
  if (is(IMAGE_PIXELS)) return '784';
  if (is(IMAGE_SIDE, IMAGE_SIDE, 1)) return '28x28x1';
  if (is(1, IMAGE_SIDE, IMAGE_SIDE)) return '1x28x28';
  return null;
}

/** `[n, 784]`-style text of a shape for messages. */
export function shapeText(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => (d === null || d === -1 ? 'n' : String(d))).join(', ')}]`;
}

/** Byte pixels (0..255) to the model's input range, into `out`. */
export function scaleIn(bytes: Uint8Array, range: PixelRange, out: Float32Array = new Float32Array(bytes.length)): Float32Array {
  const [mul, add] = range === '0..1' ? [1 / 255, 0] : range === '0..255' ? [1, 0] : [2 / 255, -1];
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! * mul + add;
  return out;
}

/** Decoder outputs to 0..1 intensities, in place (sigmoid for logits, the range mapped back for pixels). */
export function toUnit(values: Float32Array, c: Pick<Convention, 'range' | 'output'>): Float32Array {
  if (c.output === 'probabilities') return values;
  if (c.output === 'logits') {
    for (let i = 0; i < values.length; i++) values[i] = 1 / (1 + Math.exp(-values[i]!));
    return values;
  }
  const [div, add] = c.range === '0..1' ? [1, 0] : c.range === '0..255' ? [255, 0] : [2, 1];
  for (let i = 0; i < values.length; i++) values[i] = (values[i]! + add) / div;
  return values;
}

/**
 * The output kind a probe's decoder values suggest: outside [0, 1] means not probabilities (logits unless the
 * input range is [-1, 1] and the values stay in it, or [0, 255] and they stay in that).
 */
export function detectOutput(values: Float32Array, range: PixelRange): OutputKind {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo >= 0 && hi <= 1) return 'probabilities';
  if (range === '-1..1' && lo >= -1 && hi <= 1) return 'pixels';
  if (range === '0..255' && lo >= 0 && hi <= 255) return 'pixels';
  return 'logits';
}
