import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script module without types
import { appBrowserArgs, browserCandidates, findAppBrowser, servingUrl } from '../../../scripts/lib/app-browser.mjs';

const URL_ = 'http://127.0.0.1:43111/?token=abcdefabcdefabcdef';

describe('the offline window: finding the browser', () => {
  it('takes the first installed Chromium-family browser of the platform', () => {
    const installed = new Set(['/usr/bin/google-chrome', '/snap/bin/chromium']);
    expect(findAppBrowser({ platform: 'linux', env: {}, exists: (p: string) => installed.has(p) })).toBe('/usr/bin/google-chrome');
    expect(findAppBrowser({ platform: 'linux', env: {}, exists: () => false })).toBeNull();
    const mac = findAppBrowser({ platform: 'darwin', env: {}, exists: (p: string) => p.includes('Microsoft Edge') });
    expect(mac).toBe('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  });

  it('on Windows looks under Program Files, Program Files (x86) and the user folder, Chrome before Edge', () => {
    const env = {
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\t\\AppData\\Local',
    };
    const list: string[] = browserCandidates('win32', env);
    expect(list.some((p) => p.includes('Google') && p.endsWith('chrome.exe'))).toBe(true);
    expect(list.findIndex((p) => p.includes('chrome.exe'))).toBeLessThan(list.findIndex((p) => p.includes('msedge.exe')));
    expect(list.some((p) => p.startsWith('C:\\Program Files (x86)') && p.endsWith('msedge.exe'))).toBe(true);
  });

  it('LATENT_EXPLORER_BROWSER wins, and an explicit path that does not exist is an error', () => {
    expect(findAppBrowser({ platform: 'linux', env: { LATENT_EXPLORER_BROWSER: '/opt/b/chrome' }, exists: () => true })).toBe(
      '/opt/b/chrome',
    );
    expect(() => findAppBrowser({ platform: 'linux', env: { LATENT_EXPLORER_BROWSER: '/nope' }, exists: () => false })).toThrow(
      /LATENT_EXPLORER_BROWSER names \/nope, which does not exist/,
    );
  });
});

describe('the offline window: the browser command line', () => {
  it('opens one app-mode window with a fresh profile and background networking off', () => {
    const args: string[] = appBrowserArgs(URL_, '/tmp/profile-1');
    expect(args[0]).toBe(`--app=${URL_}`);
    expect(args).toContain('--user-data-dir=/tmp/profile-1');
    for (const flag of [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ])
      expect(args).toContain(flag);
    expect(args).not.toContain('--no-sandbox');
    expect(args.some((a) => a.startsWith('--remote-debugging-port'))).toBe(false);
  });

  it('adds --no-sandbox only as root, and a DevTools port only when asked', () => {
    expect(appBrowserArgs(URL_, '/p', { asRoot: true })).toContain('--no-sandbox');
    expect(appBrowserArgs(URL_, '/p', { debugPort: 9333 })).toContain('--remote-debugging-port=9333');
  });

  it('opens only the local serve address', () => {
    expect(() => appBrowserArgs('https://example.com/', '/p')).toThrow(/only opens the local serve address/);
    expect(() => appBrowserArgs('http://10.0.0.2:5175/', '/p')).toThrow();
  });

  it("reads serve mode's address line", () => {
    expect(servingUrl(`serving ${URL_}`)).toBe(URL_);
    expect(servingUrl('latent-explorer wasm backend, runs in /x')).toBeNull();
  });

  it('LATENT_EXPLORER_BROWSER=none means no browser window', () => {
    expect(findAppBrowser({ platform: 'linux', env: { LATENT_EXPLORER_BROWSER: 'none' }, exists: () => true })).toBeNull();
  });
});

describe('npm start with neither Electron nor a browser', () => {
  it('prints the paragraph pointing to serve mode and exits 1', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs', '--no-build'], {
      cwd: join(import.meta.dirname, '..', '..', '..'),
      env: { ...process.env, LATENT_EXPLORER_WINDOW: 'browser', LATENT_EXPLORER_BROWSER: 'none' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Latent Explorer could not start its desktop window/);
    expect(result.stderr).toMatch(/run `npm run serve`/);
    expect(result.stdout).not.toMatch(/app window of/);
  });
});
