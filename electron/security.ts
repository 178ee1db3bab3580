/**
 * The Electron security checklist, applied to every web contents the app ever creates: no navigation away
 * from the app, no new windows, no webviews, every permission denied but the
 * page's own clipboard writes, no request leaves the machine.
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

/** The only permission the app uses: `navigator.clipboard.write` (copy a figure or a digit as an image) needs it. */
export const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/** Whether `url` is the app's own page, `pageUrl` (a file: URL), ignoring its query and hash. */
export function isAppPage(url: string | undefined, pageUrl: string): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    const page = new URL(pageUrl);
    return parsed.protocol === 'file:' && parsed.pathname === page.pathname;
  } catch {
    return false;
  }
}

/**
 * Denies every permission (camera, notifications, clipboard-read, …) except clipboard writes by the app's own page
 * (`pageUrl`), which copy-to-clipboard needs. Cancels every request for remote content (http, https, ws, ftp…):
 * the page talks to the engine over a MessagePort, not the network.
 */
export function hardenSession(session: Session, pageUrl: string): void {
  // Only the one permission is worth a look at who asks; every other answer is no without reading anything.
  const allowed = (permission: string, url: () => string | undefined) => permission === CLIPBOARD_WRITE && isAppPage(url(), pageUrl);
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(allowed(permission, () => details?.requestingUrl ?? contents?.getURL())),
  );
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    allowed(permission, () => details?.requestingUrl ?? contents?.getURL() ?? requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isLocalUrl(details.url) }));
}
