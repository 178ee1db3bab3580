import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../src/pure/api/api.js';
import { checkMenuLanguage, menuTemplate } from '../../../electron/menu.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('menuTemplate', () => {
  it('offers open run, export figure, the languages and quit', () => {
    const sent: MenuCommand[] = [];
    let opened = 0;
    let about = 0;
    const items = flatten(menuTemplate({ openRun: () => opened++, send: (c) => sent.push(c), about: () => about++ }, 'linux'));
    const byId = (id: string) => items.find((i) => i.id === id)!;
    const click = (id: string) => (byId(id).click as () => void)();
    click('open-run');
    click('export-figure');
    click('language-es');
    click('language-en');
    click('about');
    expect(opened).toBe(1);
    expect(about).toBe(1);
    expect(sent).toEqual([{ kind: 'exportFigure' }, { kind: 'language', locale: 'es' }, { kind: 'language', locale: 'en' }]);
    expect(byId('quit').role).toBe('quit');
  });

  it('adds the app menu on macOS only', () => {
    const actions = { openRun: () => {}, send: () => {}, about: () => {} };
    expect(menuTemplate(actions, 'darwin')[0].role).toBe('appMenu');
    expect(menuTemplate(actions, 'win32')[0].label).toBe('File');
  });

  it("checks the page's stored language at start and moves the radio when the page changes it", () => {
    const actions = { openRun: () => {}, send: () => {}, about: () => {} };
    const items = flatten(menuTemplate(actions, 'linux', 'es'));
    const radio = (locale: string) => items.find((i) => i.id === `language-${locale}`)!;
    expect(radio('es').checked).toBe(true);
    expect(radio('en').checked).toBe(false);
    // A stand-in for Menu.getApplicationMenu(): Electron unchecks the rest of a radio group itself.
    const state: Record<string, { checked: boolean }> = { 'language-en': { checked: false }, 'language-es': { checked: true } };
    const menu = { getMenuItemById: (id: string) => state[id] ?? null };
    expect(checkMenuLanguage(menu, 'en')).toBe(true);
    expect(state['language-en'].checked).toBe(true);
    expect(checkMenuLanguage(menu, 'fr')).toBe(false);
    expect(checkMenuLanguage(null, 'en')).toBe(false);
  });
});
