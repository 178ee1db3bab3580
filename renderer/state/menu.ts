/**
 * What the Electron app menu's commands do in the page: switch the language, open a run of the library in
 * the explorer, import a run folder from elsewhere (then open it), and open the shown figure's export menu (a signal, see export-signal.ts).
 */
import type { MenuCommand } from '../../src/pure/api/api.js';
import { isLocale, setLocale } from '../i18n/index.svelte.js';
import { api, app, refreshInfo } from './app.svelte.js';
import { requestExport } from './export-signal.js';
import { explorer } from './explorer.svelte.js';
import { importRunFromMenu } from './menu-import.js';
import { errorMessage } from '../../src/pure/errors.js';

export function handleMenuCommand(command: MenuCommand): void {
  switch (command.kind) {
    case 'language':
      if (isLocale(command.locale)) setLocale(command.locale);
      return;
    case 'exportFigure':
      if (!requestExport()) app.notice = { kind: 'info', key: 'notice.noFigure' };
      return;
    case 'importRun':
      void importRunFromMenu(command);
      return;
    case 'openRun':
      explorer.runId = command.id;
      app.view = 'explorer';
      api.openRun({ id: command.id }).then(refreshInfo, (err: unknown) => {
        app.notice = { kind: 'error', key: 'notice.openRunFailed', params: { message: errorMessage(err) } };
      });
      return;
  }
}
