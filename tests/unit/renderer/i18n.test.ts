import { describe, expect, it } from 'vitest';
import { formatCount, pickLocale, translate } from '../../../renderer/i18n/catalogue.js';
import { en } from '../../../renderer/i18n/en.js';
import { es } from '../../../renderer/i18n/es.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('Spanish has every English key, a non-empty message for each, and the same placeholders', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(es[key].trim(), key).not.toBe('');
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('pickLocale prefers a stored choice, then the first supported browser language, then English', () => {
    expect(pickLocale('es', ['en-US'])).toBe('es');
    expect(pickLocale(null, ['fr-FR', 'es-AR', 'en'])).toBe('es');
    expect(pickLocale('klingon', ['de'])).toBe('en');
    expect(pickLocale(null, [])).toBe('en');
  });

  it('translate fills placeholders and leaves unknown ones visible', () => {
    expect(translate('es', 'status.training', { epoch: 2, epochs: 5 })).toBe('Entrenando época 2/5');
    expect(translate('en', 'status.training', { epoch: 2 })).toBe('Training epoch 2/{epochs}');
  });

  it('formatCount groups digits the way each language does', () => {
    expect(formatCount('en', 60_000)).toBe('60,000');
    expect(formatCount('es', 60_000)).toBe('60.000');
  });
});
