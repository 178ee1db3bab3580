/**
 * The sandboxed preload (bundled to one file), kept tiny: it hands the engine's MessagePort to the page with
 * `window.postMessage` (the page builds its API client over it, as over a WebSocket in serve mode, so errors
 * keep their codes and typed arrays are copied once), tells the page when the engine died or gave up, and
 * exposes `window.explorerShell` for menu commands. It never forwards an IpcRendererEvent to the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MenuCommand, ShellApi } from '../src/pure/api/api.js';
import { ENGINE_LINK_TAG, type EngineLinkNote } from '../src/pure/api/engine-link.js';

/** Channels main may send on; anything else is ignored. */
const CHANNELS = { port: 'app:engine-port', down: 'app:engine-down', menu: 'app:menu' } as const;

// The page installs its listener when its entry script runs; notes wait for the document so none is missed.
const loaded = new Promise<void>((resolve) => {
  if (document.readyState === 'complete') resolve();
  else window.addEventListener('load', () => resolve(), { once: true });
});

function tell(note: EngineLinkNote, ports: MessagePort[] = []): void {
  // Same window, same origin ('*' because a file:// page's origin is opaque); the page checks event.source.
  void loaded.then(() => window.postMessage(note, '*', ports));
}

ipcRenderer.on(CHANNELS.port, (event, info: { restartReason?: unknown } | null) => {
  const port = event.ports[0];
  if (!port) return;
  const reason = info?.restartReason;
  tell(
    typeof reason === 'string' ? { tag: ENGINE_LINK_TAG, kind: 'port', restartReason: reason } : { tag: ENGINE_LINK_TAG, kind: 'port' },
    [port],
  );
});

ipcRenderer.on(CHANNELS.down, (_event, info: { reason?: unknown; final?: unknown } | null) => {
  tell({ tag: ENGINE_LINK_TAG, kind: 'down', reason: String(info?.reason ?? 'the engine stopped'), final: info?.final === true });
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

contextBridge.exposeInMainWorld('explorerShell', shell);
