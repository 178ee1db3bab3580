/**
 * The reactive face of the catalogues: `t(key)` re-renders wherever it is used when the locale changes.
 * The locale comes from localStorage, else the browser's languages; `setLocale` persists the choice.
 */
import { formatCount, pickLocale, translate, type Locale, type MessageKey } from './catalogue.js';

export { LOCALES, LOCALE_NAMES, isLocale, type Locale, type MessageKey } from './catalogue.js';

const STORAGE_KEY = 'latent-explorer.locale';

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const state = $state({ locale: pickLocale(stored(), typeof navigator === 'undefined' ? [] : navigator.languages) });

export const i18n = {
  get locale(): Locale {
    return state.locale;
  },
};

export function setLocale(locale: Locale): void {
  state.locale = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or full storage: the choice lasts for this page only.
  }
}

/** The message for `key` in the current locale. Reactive. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(state.locale, key, params);
}

/** `n` with the current locale's digit grouping. Reactive. */
export function n(value: number): string {
  return formatCount(state.locale, value);
}
