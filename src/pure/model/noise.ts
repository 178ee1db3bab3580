/** Input corruption settings shared by the trainer and the lessons (pure). */
import type { ModelConfig } from './types.js';

/** The factor kept pixels of a masked input are multiplied by: 1/(1 - level) with `rescale`, else 1. */
export function dropoutScale(noise: ModelConfig['noise']): number {
  return noise.kind === 'dropout' && noise.rescale === true && noise.level < 1 ? 1 / (1 - noise.level) : 1;
}
