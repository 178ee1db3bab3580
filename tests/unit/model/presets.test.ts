import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { trainConfigSchema } from '../../../src/pure/api/api.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { PRESETS, defaultConfig, defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { ARCHS } from '../../../src/pure/model/types.js';

describe('presets', () => {
  it.each(ARCHS)('defaultTrainConfig(%s) is a valid training configuration with a 2-D latent space', (arch) => {
    const config = defaultTrainConfig(arch);
    expect(trainConfigSchema.parse(config)).toEqual(config);
    expect(config.latent).toBe(2);
    expect(config.arch).toBe(arch);
  });

  it('defaultConfig returns a fresh object each time', () => {
    const a = defaultConfig('dense');
    a.hidden.push(7);
    expect(defaultConfig('dense').hidden).toEqual([512, 128]);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('preset %s validates and builds', (_id, preset) => {
    expect(trainConfigSchema.parse(preset.config)).toEqual(preset.config);
    const before = tf.memory().numTensors;
    const ae = buildAutoencoder(preset.config, preset.config.seed);
    expect(ae.encoder.outputs[0]!.shape).toEqual([null, preset.config.latent]);
    ae.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the simplest course model is 784-30-784 with a tanh code and MSE', () => {
    const simple = PRESETS.find((p) => p.id === 'course-simple')!;
    const ae = buildAutoencoder(simple.config, 1);
    const dense = ae.encoder.layers.filter((l) => l.getClassName() === 'Dense');
    expect(dense.map((l) => (l.getConfig() as { units: number; activation: string }).units)).toEqual([30]);
    expect((dense[0]!.getConfig() as { activation: string }).activation).toBe('tanh');
    expect(simple.config.loss).toBe('mse');
    ae.dispose();
  });
});
