/**
 * The app menu: open run, export figure, language, quit. Actions that concern the page are sent to it as
 * `MenuCommand`s; main only shows the native dialog.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/pure/api/api.js';

export interface MenuActions {
  /** Asks the user for a run folder (native dialog) and opens it. */
  openRun(): void;
  send(command: MenuCommand): void;
}

/** Languages offered, with their names in their own language. */
export const MENU_LANGUAGES = [
  { locale: 'en', label: 'English' },
  { locale: 'es', label: 'Español' },
] as const;

export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { id: 'open-run', label: 'Open Run…', accelerator: 'CmdOrCtrl+O', click: () => actions.openRun() },
      { id: 'export-figure', label: 'Export Figure…', accelerator: 'CmdOrCtrl+E', click: () => actions.send({ kind: 'exportFigure' }) },
      { type: 'separator' },
      { id: 'quit', role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      {
        id: 'language',
        label: 'Language',
        submenu: MENU_LANGUAGES.map(({ locale, label }) => ({
          id: `language-${locale}`,
          label,
          type: 'radio' as const,
          click: () => actions.send({ kind: 'language', locale }),
        })),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
    ],
  };
  const items: MenuItemConstructorOptions[] = [file, { role: 'editMenu' }, view];
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...items] : items;
}
