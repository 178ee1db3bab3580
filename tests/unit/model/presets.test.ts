import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { trainConfigSchema } from '../../../src/pure/api/api.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { LESSON_PACK, PRESETS, defaultConfig, defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { dropoutScale } from '../../../src/pure/model/noise.js';
import { makeCorruptor } from '../../../src/model/arch/denoising.js';
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

/** `[units, activation]` of each Dense layer of a model, input side first. */
const denseLayers = (model: tf.LayersModel) =>
  model.layers
    .filter((l) => l.getClassName() === 'Dense')
    .map((l) => {
      const c = l.getConfig() as { units: number; activation: string };
      return [c.units, c.activation] as const;
    });
/** The activation applied after the decoder's last Dense layer (its output head). */
const head = (model: tf.LayersModel) => (model.layers.at(-1)!.getConfig() as { activation?: string }).activation;

describe('the course models, exactly', () => {
  const preset = (id: string) => PRESETS.find((p) => p.id === id)!.config;

  it.each([
    ['course-simple', 'dense', 30],
    ['course-overcomplete', 'dense', 500],
    ['course-denoising-overcomplete', 'denoising', 500],
  ] as const)('%s is %s 784-%i-784: a tanh code, a sigmoid output, MSE', (id, arch, units) => {
    const config = preset(id);
    expect(trainConfigSchema.parse(config)).toEqual(config);
    expect([config.arch, config.loss, config.hidden]).toEqual([arch, 'mse', []]);
    const ae = buildAutoencoder(config, 1);
    expect(denseLayers(ae.encoder)).toEqual([[units, 'tanh']]);
    expect(denseLayers(ae.decoder)).toEqual([[784, 'linear']]);
    expect(head(ae.decoder)).toBe('sigmoid');
    expect(ae.encoder.countParams() + ae.decoder.countParams()).toBe(784 * units + units + units * 784 + 784);
    ae.dispose();
  });

  it("the notes' denoiser drops half the pixels and doubles the rest (1/(1-p)), recorded in its config", () => {
    const config = preset('course-denoising-overcomplete');
    expect(config.noise).toEqual({ kind: 'dropout', level: 0.5, rescale: true });
    expect(dropoutScale(config.noise)).toBe(2);
    const corrupt = makeCorruptor(config.noise, 3);
    const out = Array.from(tf.tidy(() => corrupt(tf.fill([50, 784], 0.25) as tf.Tensor2D).dataSync()));
    const values = new Set(out);
    expect([...values].sort()).toEqual([0, 0.5]);
    const kept = out.reduce((n, v) => n + (v > 0 ? 1 : 0), 0) / out.length;
    expect(kept).toBeGreaterThan(0.47);
    expect(kept).toBeLessThan(0.53);
    // Without rescale the kept pixels stay as they were (Vincent et al.'s masking noise).
    const plain = makeCorruptor({ kind: 'dropout', level: 0.5 }, 3);
    expect(new Set(tf.tidy(() => plain(tf.fill([4, 784], 0.25) as tf.Tensor2D).dataSync()))).toEqual(new Set([0, 0.25]));
  });

  it('codes larger than the image are allowed for dense-family models (up to 1,024), not for conv or VAE', () => {
    expect(trainConfigSchema.safeParse(defaultTrainConfig('dense', { latent: 1000 })).success).toBe(true);
    expect(trainConfigSchema.safeParse(defaultTrainConfig('denoising', { latent: 1024 })).success).toBe(true);
    expect(trainConfigSchema.safeParse(defaultTrainConfig('dense', { latent: 1025 })).success).toBe(false);
    const conv = trainConfigSchema.safeParse(defaultTrainConfig('conv', { latent: 100 }));
    expect(conv.success).toBe(false);
    expect(conv.error?.issues[0]?.message).toMatch(/at most 64/);
    const rescaledGaussian = defaultTrainConfig('denoising', { noise: { kind: 'gaussian', level: 0.2, rescale: true } });
    expect(trainConfigSchema.safeParse(rescaledGaussian).success).toBe(false);
  });

  it.each(LESSON_PACK.map((m) => [m.id, m] as const))(
    'pack model %s validates and stays small (at most 20,000 images, 40 epochs)',
    (_id, model) => {
      expect(trainConfigSchema.parse(model.config)).toEqual(model.config);
      expect(model.config.limit).toBeLessThanOrEqual(20_000);
      expect(model.config.epochs).toBeLessThanOrEqual(40);
    },
  );
});
