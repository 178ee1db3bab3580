import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { contractivePenalty } from '../../../src/model/arch/contractive.js';
import { LayerSeeds } from '../../../src/model/init.js';
import { buildDenseEncoder, type DenseLayer } from '../../../src/model/layers.js';
import type { Activation } from '../../../src/pure/model/types.js';

function encoder(hidden: number[], latent: number, activation: Activation) {
  return buildDenseEncoder(hidden, latent, activation, activation, new LayerSeeds(3));
}

/** ||dz/dx||_F^2 averaged over the batch, by central differences on the stock encoder model. */
function finiteDifferencePenalty(model: tf.LayersModel, x: tf.Tensor2D, eps = 1e-2): number {
  const [n, p] = x.shape;
  const xs = x.arraySync();
  let total = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < p; i++) {
      const plus = xs[b]!.slice();
      const minus = xs[b]!.slice();
      plus[i]! += eps;
      minus[i]! -= eps;
      const col = tf.tidy(() => {
        const z = model.predict(tf.tensor2d([plus, minus])) as tf.Tensor2D;
        return tf.div(tf.sub(z.slice([0, 0], [1, -1]), z.slice([1, 0], [1, -1])), 2 * eps).dataSync();
      });
      for (const v of col) total += v * v;
    }
  }
  return total / n;
}

describe('contractivePenalty', () => {
  it('the closed form for one sigmoid layer equals the general Jacobian method', () => {
    const enc = encoder([], 5, 'sigmoid');
    const x = tf.randomUniform([8, 784], 0, 1, 'float32', 1) as tf.Tensor2D;
    const closed = contractivePenalty(enc.layers, ['sigmoid'], x, 'closed');
    const general = contractivePenalty(enc.layers, ['sigmoid'], x, 'general');
    expect(general.penalty.dataSync()[0]).toBeCloseTo(closed.penalty.dataSync()[0]!, 4);
    enc.model.dispose();
  });

  it.each(['tanh', 'sigmoid', 'relu'] as const)(
    'the general method matches finite differences for a two-layer %s encoder',
    (activation) => {
      const enc = encoder([6], 3, activation);
      const x = tf.randomUniform([2, 784], 0, 1, 'float32', 2) as tf.Tensor2D;
      const exact = tf.tidy(
        () => contractivePenalty(enc.layers as DenseLayer[], [activation, activation], x, 'general').penalty.dataSync()[0]!,
      );
      const approx = finiteDifferencePenalty(enc.model, x);
      expect(exact).toBeGreaterThan(0);
      expect(Math.abs(exact - approx) / exact).toBeLessThan(0.02);
      enc.model.dispose();
    },
  );

  it('refuses the closed form for a deeper encoder', () => {
    const enc = encoder([4], 2, 'sigmoid');
    expect(() =>
      tf.tidy(() => contractivePenalty(enc.layers, ['sigmoid', 'sigmoid'], tf.zeros([1, 784]) as tf.Tensor2D, 'closed')),
    ).toThrow();
    enc.model.dispose();
  });
});
