import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildAutoencoder } from '../../../src/model/build.js';
import { formatParams, paramCount } from '../../../src/pure/model/params.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { ARCHS } from '../../../src/pure/model/types.js';

describe('paramCount', () => {
  it.each(ARCHS)('%s: the config formula equals the trainable variables the built model trains', (arch) => {
    for (const overrides of [{}, { hidden: [64, 32], filters: [8, 16, 4], latent: 5 }]) {
      const config = defaultTrainConfig(arch, overrides);
      const ae = buildAutoencoder(config, 1);
      const trained = ae.trainableVariables.reduce((n: number, v: tf.Variable) => n + v.size, 0);
      expect(paramCount(config)).toBe(trained);
      ae.dispose();
    }
  });

  it('formats counts for labels', () => {
    expect([formatParams(8240), formatParams(785_284), formatParams(1_630_000)]).toEqual(['8,240', '785k', '1.6M']);
  });
});
