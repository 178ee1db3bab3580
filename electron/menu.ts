/**
 * The app menu: open run, export figure, language, about, quit. Actions that concern the page are sent to it as
 * `MenuCommand`s; main only shows the native dialog.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/pure/api/api.js';

export interface MenuActions {
  /** Asks the user for a run folder (native dialog) and opens it. */
  openRun(): void;
  send(command: MenuCommand): void;
  /** Shows the About box (version, licence, backend). */
  about(): void;
}

/** Languages offered, with their names in their own language. */
export const MENU_LANGUAGES = [
  { locale: 'en', label: 'English' },
  { locale: 'es', label: 'Español' },
] as const;

/** Menu item id of a language's radio. */
export const languageItemId = (locale: string) => `language-${locale}`;

/** The part of Electron's Menu this needs: `Menu.getApplicationMenu()` or a stand-in. */
interface MenuLike {
  getMenuItemById(id: string): { checked: boolean } | null;
}

/** Checks the radio of `locale` (the page's language); an unknown locale leaves the menu as it is. */
export function checkMenuLanguage(menu: MenuLike | null, locale: string): boolean {
  const item = menu?.getMenuItemById(languageItemId(locale));
  if (!item) return false;
  item.checked = true;
  return true;
}

/**
 * `locale`: the language to show checked at first (the page's, when known; Electron checks the first radio of a
 * group otherwise). {@link checkMenuLanguage} moves it when the page changes language.
 */
export function menuTemplate(
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
  locale?: string,
): MenuItemConstructorOptions[] {
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
        submenu: MENU_LANGUAGES.map(({ locale: code, label }) => ({
          id: languageItemId(code),
          label,
          type: 'radio' as const,
          checked: code === locale,
          click: () => actions.send({ kind: 'language', locale: code }),
        })),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ id: 'about', label: 'About Latent Explorer', click: () => actions.about() }],
  };
  const items: MenuItemConstructorOptions[] = [file, { role: 'editMenu' }, view, help];
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...items] : items;
}
