/** The timing of an animation: which t (or epoch) each frame shows, with ping-pong, and the options every kind takes. */
import type { FigureSize } from '../figures/style.js';

export const ANIMATION_KINDS = ['interpolation', 'walk', 'replay'] as const;
export type AnimationKind = (typeof ANIMATION_KINDS)[number];
export const ANIMATION_FORMATS = ['gif', 'webm', 'mp4'] as const;
export type AnimationFormat = (typeof ANIMATION_FORMATS)[number];
export const MAX_FRAMES = 240;

export interface AnimationOptions {
  /** Distinct frames (t from 0 to 1); the replay takes one frame per recorded epoch instead. */
  frames: number;
  fps: number;
  /** Pixels per figure px: 1, 2 or 4. */
  scale: 1 | 2 | 4;
  size: FigureSize;
  loop: boolean;
  /** Play forwards then backwards (the end frames are not repeated). */
  pingPong: boolean;
}

export const DEFAULT_ANIMATION: AnimationOptions = { frames: 10, fps: 5, scale: 1, size: '16:9', loop: true, pingPong: false };

/** t of each distinct frame: `frames` values from 0 to 1. */
export function frameTimes(frames: number): number[] {
  if (!Number.isInteger(frames) || frames < 1 || frames > MAX_FRAMES)
    throw new RangeError(`frames must be an integer from 1 to ${MAX_FRAMES}, got ${frames}`);
  return Array.from({ length: frames }, (_, k) => (frames > 1 ? k / (frames - 1) : 0));
}

/** The order distinct frames are played in: 0..n-1, or 0..n-1..1 for ping-pong. */
export function playOrder(n: number, pingPong: boolean): number[] {
  const forward = Array.from({ length: n }, (_, k) => k);
  return pingPong && n > 2 ? [...forward, ...forward.slice(1, -1).reverse()] : forward;
}
