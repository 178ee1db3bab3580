/**
 * The Electron security checklist, applied to every web contents the app ever creates: no navigation away
 * from the app, no new windows, no webviews, every permission request denied, no request leaves the machine.
 * docs/security.md walks through the checklist and the electronegativity findings.
 */
import type { Session, WebContents, WebPreferences } from 'electron';

/** The only preferences a window of ours is created with. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A middle click on a link would otherwise try to open a window (denied anyway by the open handler).
    disableBlinkFeatures: 'Auxclick',
  };
}

/** Refuses navigation, redirects, new windows and webviews for one web contents. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  // Subframes too (the app has none, so any frame navigation is someone else's doing).
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** URL schemes the page may load from: its own files inside the app, inline data, and devtools. */
const LOCAL_SCHEMES = ['file:', 'data:', 'blob:', 'devtools:'];

/** Whether the window may load `url`: local content only, never the network (no remote content). */
export function isLocalUrl(url: string): boolean {
  try {
    return LOCAL_SCHEMES.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * Denies every permission (camera, notifications, clipboard-read, …): the app needs none. Cancels every request
 * for remote content (http, https, ws, ftp…): the page talks to the engine over a MessagePort, not the network.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isLocalUrl(details.url) }));
}
