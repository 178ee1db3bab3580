import { describe, expect, it } from 'vitest';
import { trainConfigSchema } from '../../../../src/pure/api/api.js';
import { buildAutoencoder } from '../../../../src/model/build.js';
import { PRESETS } from '../../../../src/pure/model/presets.js';
import { denseParams, MAX_PARAMS, toDraft, validate, type Draft } from '../../../../renderer/lib/studio/form.js';
import { modelFields, TRAINING_FIELDS } from '../../../../renderer/lib/studio/fields.js';

const base = (): Draft => toDraft(PRESETS.find((p) => p.id === 'course-denoising')!.config);
const errorsOf = (d: Partial<Draft>) => validate({ ...base(), ...d }).errors;

describe('training form', () => {
  it('validate(toDraft(preset)) returns the preset itself for every preset', () => {
    for (const p of PRESETS) {
      const { config, errors } = validate(toDraft(p.config));
      expect(errors, p.id).toEqual([]);
      expect(config, p.id).toEqual({ dataset: 'mnist', ...p.config });
    }
  });

  it('refuses latent size 0 with the minimum', () => {
    expect(errorsOf({ latent: '0' })).toEqual([{ field: 'latent', key: 'studio.err.min', params: { min: 1 } }]);
  });

  it('refuses a negative or zero learning rate as "greater than 0"', () => {
    expect(errorsOf({ learningRate: '-0.01' })).toEqual([{ field: 'learningRate', key: 'studio.err.gt', params: { min: 0 } }]);
    expect(errorsOf({ learningRate: '0' })).toEqual([{ field: 'learningRate', key: 'studio.err.gt', params: { min: 0 } }]);
  });

  it('refuses a layer of 10^6 units with the per-layer limit', () => {
    expect(errorsOf({ hidden: '1000000' })).toEqual([{ field: 'hidden', key: 'studio.err.layerMax', params: { max: 4096 } }]);
  });

  it('refuses models beyond MAX_PARAMS even when every layer is allowed', () => {
    const hidden = '4096, 4096, 4096';
    expect(denseParams([4096, 4096, 4096], 2)).toBeGreaterThan(MAX_PARAMS);
    expect(errorsOf({ hidden })).toEqual([
      { field: 'hidden', key: 'studio.err.params', params: { params: denseParams([4096, 4096, 4096], 2), max: MAX_PARAMS } },
    ]);
  });

  it('denseParams counts exactly the weights of a built dense autoencoder', () => {
    const config = { ...PRESETS.find((p) => p.id === 'course-stack')!.config };
    const ae = buildAutoencoder(config, 1);
    const count = ae.trainableVariables.reduce((n, v) => n + v.size, 0);
    ae.dispose();
    expect(denseParams(config.hidden, config.latent)).toBe(count);
  });

  it('refuses non-numbers, fractions, bad lists and a limit past the training set, one message per field', () => {
    const errors = errorsOf({ epochs: 'ten', batchSize: '12.5', hidden: '64, x', limit: '70000', seed: '' });
    expect(Object.fromEntries(errors.map((e) => [e.field, e.key]))).toEqual({
      epochs: 'studio.err.number',
      batchSize: 'studio.err.integer',
      hidden: 'studio.err.list',
      limit: 'studio.err.max',
      seed: 'studio.err.number',
    });
  });

  it('every config it accepts is one the API schema accepts', () => {
    const { config } = validate({ ...base(), hidden: '128 64', limit: '', codeActivation: 'tanh', dataset: 'fashion-mnist' });
    expect(config).toMatchObject({ hidden: [128, 64], codeActivation: 'tanh', dataset: 'fashion-mnist' });
    expect(config).not.toHaveProperty('limit');
    expect(trainConfigSchema.safeParse(config).success).toBe(true);
  });

  it('modelFields shows only the settings an architecture uses', () => {
    const names = (arch: Parameters<typeof modelFields>[0]) => modelFields(arch).map((f) => f.field);
    expect(names('conv')).toContain('filters');
    expect(names('conv')).not.toContain('hidden');
    expect(names('vae')).toContain('beta');
    expect(names('denoising')).toEqual(expect.arrayContaining(['noiseKind', 'noiseLevel']));
    expect(names('dense')).not.toContain('noiseLevel');
    expect(names('contractive')).toContain('contraction');
    expect(TRAINING_FIELDS.map((f) => f.field)).toEqual(['learningRate', 'schedule', 'batchSize', 'epochs', 'seed', 'limit']);
  });
});
