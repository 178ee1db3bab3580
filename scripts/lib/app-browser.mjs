// The offline window: where no Electron runtime can be had, `npm start` opens the app in an installed
// Chromium-family browser in app mode (one window, no tabs, no address bar) over serve mode. This module finds the
// browser and builds its command line; scripts/start.mjs runs them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Environment variable naming a browser executable to use (checked first). */
export const BROWSER_ENV = 'LATENT_EXPLORER_BROWSER';

/** Chromium-family executables, most likely first, per platform. */
export function browserCandidates(platform = process.platform, env = process.env) {
  if (platform === 'darwin') {
    return ['Google Chrome', 'Chromium', 'Microsoft Edge', 'Brave Browser'].map((app) => `/Applications/${app}.app/Contents/MacOS/${app}`);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter(Boolean);
    const rel = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['BraveSoftware', 'Brave-Browser', 'Application', 'brave.exe'],
    ];
    return rel.flatMap((parts) => roots.map((root) => join(root, ...parts)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/brave-browser',
    '/snap/bin/chromium',
  ];
}

/**
 * The browser to open the app in: `$LATENT_EXPLORER_BROWSER` when set (an error when it does not exist, since the
 * user asked for it; `none` for no browser window at all), else the first installed candidate, else null.
 */
export function findAppBrowser({ platform = process.platform, env = process.env, exists = existsSync } = {}) {
  const asked = env[BROWSER_ENV];
  if (asked === 'none') return null;
  if (asked) {
    if (!exists(asked)) throw new Error(`${BROWSER_ENV} names ${asked}, which does not exist`);
    return asked;
  }
  return browserCandidates(platform, env).find((path) => exists(path)) ?? null;
}

/**
 * The browser's command line: an app-mode window on `url` with a fresh profile (`userDataDir`, so it is its own
 * browser process, which exits when the window closes, and nothing of the user's profile is touched), and the
 * background-networking switches off (no sync, updates or field trials: the app works offline).
 */
export function appBrowserArgs(url, userDataDir, { asRoot = false, debugPort } = {}) {
  const u = new URL(url);
  if (u.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
    throw new Error(`the app window only opens the local serve address, not ${url}`);
  }
  return [
    `--app=${url}`,
    `--user-data-dir=${userDataDir}`,
    '--window-size=1360,860',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    // Chromium refuses to start as root without it (containers, CI).
    ...(asRoot ? ['--no-sandbox'] : []),
    ...(debugPort ? [`--remote-debugging-port=${debugPort}`] : []),
  ];
}

/** The serve address from serve mode's `serving <url>` line, or null. */
export function servingUrl(line) {
  const m = /^serving (http:\/\/\S+)$/.exec(line.trim());
  return m ? m[1] : null;
}
