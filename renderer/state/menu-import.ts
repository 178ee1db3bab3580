/** Open Run of a folder outside the library (Electron menu): through the import flow, then opened in the explorer. */
import type { MenuCommand } from '../../src/pure/api/api.js';
import { api, app, refreshInfo } from './app.svelte.js';
import { explorer } from './explorer.svelte.js';
import { errorMessage } from '../../src/pure/errors.js';

export async function importRunFromMenu(command: Extract<MenuCommand, { kind: 'importRun' }>): Promise<void> {
  try {
    const run = await api.importRun({ bytes: command.bytes });
    await api.openRun({ id: run.id });
    explorer.runId = run.id;
    await refreshInfo();
    app.view = 'explorer';
  } catch (err) {
    app.notice = { kind: 'error', key: 'import.failed', params: { message: errorMessage(err) } };
  }
}
