/**
 * App-wide state shared by the shell and the views: the API, the engine's info (backend, dataset, open
 * model), the link's status, and the latest notice. One exported object, never reassigned (Svelte rule).
 * Views call `api.*` for requests and `refreshInfo()` after anything that changes the open model.
 */
import type { EngineInfo, MenuCommand, TrainProgress } from '../../src/pure/api/api.js';
import { connectApi, type ConnectionStatus, type ExplorerApi } from '../api-client.js';
import type { MessageKey } from '../i18n/index.svelte.js';

/** A message for the notice line, kept as a key so it follows language switches. */
export interface Notice {
  kind: 'info' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
}

const connection = connectApi();

/** The engine API; stable for the page's life. Kept out of `$state`: it must not be proxied. */
export const api: ExplorerApi = connection.api;

export const app = $state({
  transport: connection.transport,
  status: 'connecting' as ConnectionStatus,
  /** Latest `info` answer; null until the engine has answered once. */
  info: null as EngineInfo | null,
  /** Id of the view shown in the main area. */
  view: 'explorer',
  notice: null as Notice | null,
  /** Latest progress of a training in progress, null when none. */
  progress: null as TrainProgress | null,
});

connection.onStatus((status) => {
  app.status = status;
  if (status === 'ready') void refreshInfo();
});

/** Asks the engine for its info again (backend, dataset, open model, training). */
export async function refreshInfo(): Promise<EngineInfo | null> {
  try {
    const info = await api.info();
    app.info = info;
    return info;
  } catch (err) {
    console.error('latent-explorer: info failed', err);
    return null;
  }
}

api.onDidEngineRestart(({ reason }) => {
  app.notice = { kind: 'error', key: 'status.restarted', params: { reason } };
  void refreshInfo();
});
api.onDidTrainProgress((progress) => {
  app.progress = progress;
});
api.onDidTrainEnd(() => {
  app.progress = null;
  void refreshInfo();
});

type MenuListener = (command: MenuCommand) => void;
const menuListeners = new Set<MenuListener>();

/** Menu commands (Electron app menu) for views to act on, e.g. `exportFigure`. */
export function onMenuCommand(listener: MenuListener): () => void {
  menuListeners.add(listener);
  return () => void menuListeners.delete(listener);
}

window.explorerShell?.onMenu((command) => {
  for (const listener of menuListeners) listener(command);
});
