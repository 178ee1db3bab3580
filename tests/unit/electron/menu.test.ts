import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../src/pure/api/api.js';
import { menuTemplate } from '../../../electron/menu.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('menuTemplate', () => {
  it('offers open run, export figure, the languages and quit', () => {
    const sent: MenuCommand[] = [];
    let opened = 0;
    const items = flatten(menuTemplate({ openRun: () => opened++, send: (c) => sent.push(c) }, 'linux'));
    const byId = (id: string) => items.find((i) => i.id === id)!;
    const click = (id: string) => (byId(id).click as () => void)();
    click('open-run');
    click('export-figure');
    click('language-es');
    click('language-en');
    expect(opened).toBe(1);
    expect(sent).toEqual([{ kind: 'exportFigure' }, { kind: 'language', locale: 'es' }, { kind: 'language', locale: 'en' }]);
    expect(byId('quit').role).toBe('quit');
  });

  it('adds the app menu on macOS only', () => {
    const actions = { openRun: () => {}, send: () => {} };
    expect(menuTemplate(actions, 'darwin')[0].role).toBe('appMenu');
    expect(menuTemplate(actions, 'win32')[0].label).toBe('File');
  });
});
