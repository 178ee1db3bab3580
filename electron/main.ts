/**
 * Electron main: one window, the menu, native dialogs, and the engine utility process. Nothing else: the
 * engine does the work and the page talks to it over its own MessagePort.
 */
import { BrowserWindow, Menu, app, dialog, nativeImage, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveRunsDir, runIdInLibrary } from '../src/host/config.js';
import { BACKEND_QUERY, aboutDetail, parseBackendAnswer } from './about.js';
import { EngineProcess } from './engine.js';
import { followPageLocale } from './locale-sync.js';
import { checkMenuLanguage, menuTemplate } from './menu.js';
import { zipRunFolder } from './run-folder.js';
import { defaultRunDir, engineHostPath, preloadPath, rendererIndex, windowIconPath } from './paths.js';
import { hardenContents, hardenSession, secureWebPreferences } from './security.js';
import { errorMessage } from '../src/pure/errors.js';

app.enableSandbox();
// One window, one engine: a second launch focuses the first instead of training against the same library. It
// quits without registering its ready handler, which would open a second window and start a second engine running
// crash recovery on the runs library the first one writes (app.quit() does not stop 'ready' from firing).
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();
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
    icon: windowIconPath,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  // Every load (first or reload) gets a fresh port: the old page's end died with it.
  window.webContents.on('did-finish-load', () => engine?.connect());
  // The menu's language radio follows the page's language (its stored choice, then every change).
  let stopFollowing = () => {};
  window.webContents.on('did-finish-load', () => {
    stopFollowing();
    stopFollowing = followPageLocale(window.webContents, (locale) => checkMenuLanguage(Menu.getApplicationMenu(), locale));
  });
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
      detail: errorMessage(err),
    });
  }
}

async function showAbout(): Promise<void> {
  if (!win) return;
  // The engine answers the page, not main: ask through the page's own API, and give up after a few seconds.
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 3000));
  const answer = await Promise.race([win.webContents.executeJavaScript(BACKEND_QUERY).catch(() => null), timeout]);
  const { backend, note } = parseBackendAnswer(answer);
  await dialog.showMessageBox(win, {
    type: 'info',
    title: 'About Latent Explorer',
    message: `Latent Explorer ${app.getVersion()}`,
    detail: aboutDetail({ version: app.getVersion(), licence: 'MIT', backend, backendNote: note, versions: process.versions }),
    icon: nativeImage.createFromPath(windowIconPath),
  });
}

function onReady(): void {
  hardenSession(session.defaultSession, pathToFileURL(rendererIndex).href);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        openRun: () => void openRun(),
        send: (command) => win?.webContents.send('app:menu', command),
        about: () => void showAbout(),
      }),
    ),
  );
  win = createWindow();
  engine = new EngineProcess({
    entry: engineHostPath,
    args: ['--runs', runsDir, '--default-run', defaultRunDir],
    onPort: (port, restartReason) => win?.webContents.postMessage('app:engine-port', { restartReason }, [port]),
    onDown: (reason, final) => win?.webContents.send('app:engine-down', { reason, final }),
    onGiveUp: (reason) => dialog.showErrorBox('The engine keeps stopping', reason),
  });
  engine.start();
  win.on('closed', () => (win = null));
}

if (primary) void app.whenReady().then(onReady);

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => engine?.stop());
