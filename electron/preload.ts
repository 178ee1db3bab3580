/**
 * The sandboxed preload (bundled to one file): exposes `window.explorer`, the `ExplorerApi` built by a loop
 * over `REQUEST_NAMES` and `EVENT_NAMES` (in `createApiClient`), over the MessagePort main hands us for the
 * engine, and `window.explorerShell` for menu commands. It never forwards an IpcRendererEvent to the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MenuCommand, ShellApi } from '../src/pure/api/api.js';
import { createApiClient, mapRequestErrors, toBridgeError } from '../src/pure/api/rpc-client.js';
import type { Message } from '../src/pure/api/wire.js';

/** Channels main may send on; anything else is ignored. */
const CHANNELS = { port: 'app:engine-port', menu: 'app:menu' } as const;

let port: MessagePort | null = null;
// Requests made before the first port arrives wait here.
const outbox: Message[] = [];
const client = createApiClient((message) => (port ? port.postMessage(message) : outbox.push(message)));

ipcRenderer.on(CHANNELS.port, (event, info: { restartReason?: string } | null) => {
  const next = event.ports[0];
  if (!next) return;
  if (port) {
    port.close();
    client.failPending('the engine restarted');
  }
  port = next;
  port.onmessage = (e: MessageEvent<Message>) => client.receive(e.data);
  for (const message of outbox.splice(0)) port.postMessage(message);
  if (info?.restartReason) client.emitLocal('engineRestart', { reason: info.restartReason });
});

const menuListeners = new Set<(command: MenuCommand) => void>();
ipcRenderer.on(CHANNELS.menu, (_event, command: MenuCommand) => {
  for (const listener of menuListeners) listener(command);
});

const shell: ShellApi = {
  onMenu(listener) {
    menuListeners.add(listener);
    return () => void menuListeners.delete(listener);
  },
};

contextBridge.exposeInMainWorld('explorer', mapRequestErrors(client.api, toBridgeError));
contextBridge.exposeInMainWorld('explorerShell', shell);
