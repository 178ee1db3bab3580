/**
 * App-wide state shared by the shell and the views: the API, the engine's info (backend, dataset, open
 * model), the link's status, and the latest notice. One exported object, never reassigned (Svelte rule).
 * Importing this module connects and subscribes to nothing: `startApp` (called by `startState` from the
 * page's entry point) does. Views call `api.*` for requests and `refreshInfo()` after anything that changes
 * the open model.
 */
import type { EngineInfo, ExplorerApi, TrainProgress, Unsubscribe } from '../../src/pure/api/api.js';
import type { LinkStatus } from '../../src/pure/api/connection.js';
import type { MessageKey } from '../i18n/index.svelte.js';

/** A message for the notice line, kept as a key so it follows language switches. */
export interface Notice {
  kind: 'info' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** What the app state needs of the link to the engine (renderer/api-client.ts makes one; tests fake one). */
export interface EngineLink {
  readonly api: ExplorerApi;
  readonly transport: 'electron' | 'websocket';
  onStatus(listener: (status: LinkStatus, reason?: string) => void): Unsubscribe;
}

/**
 * The engine API, stable for the page's life: `startApp` fills it with the link's methods. Kept out of
 * `$state`: it must not be proxied.
 */
export const api = {} as ExplorerApi;

export const app = $state({
  transport: 'websocket' as EngineLink['transport'],
  status: 'connecting' as LinkStatus,
  /** Latest `info` answer; null until the engine has answered once. */
  info: null as EngineInfo | null,
  /** Id of the view shown in the main area. */
  view: 'explorer',
  notice: null as Notice | null,
  /** Latest progress of a training in progress, null when none. */
  progress: null as TrainProgress | null,
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

/** Wires the app state to `link`; returns the stop function. */
export function startApp(link: EngineLink): Unsubscribe {
  Object.assign(api, link.api);
  app.transport = link.transport;
  const offs: Unsubscribe[] = [
    link.onStatus((status, reason) => {
      app.status = status;
      if (status === 'ready') void refreshInfo();
      if (status === 'gave-up') app.notice = { kind: 'error', key: 'status.gaveUpNotice', params: { reason: reason ?? '' } };
    }),
    api.onDidEngineRestart(({ reason }) => {
      app.notice = { kind: 'error', key: 'status.restarted', params: { reason } };
    }),
    api.onDidTrainProgress((progress) => {
      app.progress = progress;
    }),
    api.onDidTrainEnd(() => {
      app.progress = null;
      void refreshInfo();
    }),
  ];
  return () => offs.forEach((off) => off());
}
