/** Seeded weight initialisation: the same build seed gives the same weights, layer by layer. */
import * as tf from '@tensorflow/tfjs';

/** Hands out one distinct, reproducible seed per layer of a model built with `seed`. */
export class LayerSeeds {
  private count = 0;
  constructor(private readonly seed: number) {}

  /** The next layer's seed. */
  next(): number {
    this.count += 1;
    return (Math.imul(this.seed >>> 0, 2654435761) + this.count * 40503) >>> 1;
  }

  /** Glorot-uniform (Keras' default) initialiser for the next layer. */
  glorot(): ReturnType<typeof tf.initializers.glorotUniform> {
    return tf.initializers.glorotUniform({ seed: this.next() });
  }
}
