/**
 * Electron main: one window, the menu, native dialogs, and the engine utility process. Nothing else: the
 * engine does the work and the page talks to it over its own MessagePort.
 */
import { BrowserWindow, Menu, app, dialog, session } from 'electron';
import { resolveRunsDir, runIdInLibrary } from '../src/host/config.js';
import { EngineProcess } from './engine.js';
import { menuTemplate } from './menu.js';
import { zipRunFolder } from './run-folder.js';
import { defaultRunDir, engineHostPath, preloadPath, rendererIndex } from './paths.js';
import { hardenContents, hardenSession, secureWebPreferences } from './security.js';

app.enableSandbox();
// One window, one engine: a second launch focuses the first instead of training against the same library.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});
const runsDir = resolveRunsDir(process.argv.slice(1), process.env);
let win: BrowserWindow | null = null;
let engine: EngineProcess | null = null;

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Latent Explorer',
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  // Every load (first or reload) gets a fresh port: the old page's end died with it.
  window.webContents.on('did-finish-load', () => engine?.connect());
  void window.loadFile(rendererIndex);
  return window;
}

async function openRun(): Promise<void> {
  if (!win) return;
  const result = await dialog.showOpenDialog(win, { title: 'Open Run', defaultPath: runsDir, properties: ['openDirectory'] });
  const chosen = result.filePaths[0];
  if (result.canceled || !chosen) return;
  const id = runIdInLibrary(runsDir, chosen);
  if (id) return void win.webContents.send('app:menu', { kind: 'openRun', id });
  // A folder elsewhere goes through the import flow: the engine checks it like a run zip and copies it in.
  try {
    const bytes = await zipRunFolder(chosen);
    win.webContents.send('app:menu', { kind: 'importRun', name: chosen, bytes });
  } catch (err) {
    await dialog.showMessageBox(win, {
      type: 'error',
      message: 'This folder cannot be opened as a run',
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ openRun: () => void openRun(), send: (command) => win?.webContents.send('app:menu', command) })),
  );
  win = createWindow();
  engine = new EngineProcess({
    entry: engineHostPath,
    args: ['--runs', runsDir, '--default-run', defaultRunDir],
    onPort: (port, restartReason) => win?.webContents.postMessage('app:engine-port', { restartReason }, [port]),
    onGiveUp: (reason) => dialog.showErrorBox('The engine keeps stopping', reason),
  });
  engine.start();
  win.on('closed', () => (win = null));
});

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => engine?.stop());
