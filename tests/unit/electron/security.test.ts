import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { CLIPBOARD_WRITE, hardenContents, hardenSession, isAppPage, isLocalUrl, secureWebPreferences } from '../../../electron/security.js';

const PAGE = 'file:///opt/app/resources/app.asar/dist/renderer/index.html';

describe('electron security', () => {
  it('secureWebPreferences turns on isolation and the sandbox and turns off Node and webviews', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('hardenContents prevents navigation (of any frame), redirects and webviews, and denies new windows', () => {
    const contents = new EventEmitter() as EventEmitter & { openHandler?: () => { action: string } };
    Object.assign(contents, { setWindowOpenHandler: (h: () => { action: string }) => (contents.openHandler = h) });
    hardenContents(contents as unknown as WebContents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://example.com');
      expect(prevented, event).toBe(true);
    }
    expect(contents.openHandler!()).toEqual({ action: 'deny' });
  });

  it('hardenSession denies every permission request and check, and cancels every remote request', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      webRequest: { onBeforeRequest: (h: (...a: unknown[]) => unknown) => (handlers.request_ = h) },
      setPermissionRequestHandler: (h: (...a: unknown[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...a: unknown[]) => unknown) => (handlers.device = h),
    };
    hardenSession(session as unknown as Session, PAGE);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation'])
      handlers.request({}, permission, (ok: boolean) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(handlers.check({}, 'media')).toBe(false);
    expect(handlers.device({})).toBe(false);
    const cancelled = (url: string) => {
      let answer: { cancel: boolean } | null = null;
      handlers.request_({ url }, (a: { cancel: boolean }) => (answer = a));
      return answer!.cancel;
    };
    expect(cancelled('file:///opt/app/resources/app.asar/dist/renderer/index.html')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:5175/api', 'ws://127.0.0.1:5175/api', 'ftp://x/y', 'not a url']) {
      expect(cancelled(url), url).toBe(true);
    }
  });

  it("allows clipboard-sanitized-write (copy to clipboard) to the app's own page only, and nothing else to it", () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      webRequest: { onBeforeRequest: () => {} },
      setPermissionRequestHandler: (h: (...a: unknown[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: () => {},
    };
    hardenSession(session as unknown as Session, PAGE);
    const contents = (url: string) => ({ getURL: () => url });
    const request = (permission: string, url: string, details?: object) => {
      let answer: boolean | null = null;
      handlers.request(contents(url), permission, (ok: boolean) => (answer = ok), details);
      return answer;
    };
    expect(request(CLIPBOARD_WRITE, PAGE)).toBe(true);
    expect(request(CLIPBOARD_WRITE, `${PAGE}?view=explore#x`, { requestingUrl: `${PAGE}#x` })).toBe(true);
    expect(request('clipboard-read', PAGE)).toBe(false);
    expect(request('notifications', PAGE)).toBe(false);
    // Another page (or a frame that navigated elsewhere) gets nothing, even with the app's contents.
    expect(request(CLIPBOARD_WRITE, 'https://example.com/')).toBe(false);
    expect(request(CLIPBOARD_WRITE, PAGE, { requestingUrl: 'file:///tmp/evil.html' })).toBe(false);
    expect(handlers.check(contents(PAGE), CLIPBOARD_WRITE, 'file:///', { requestingUrl: PAGE })).toBe(true);
    expect(handlers.check(contents(PAGE), 'clipboard-read', 'file:///', { requestingUrl: PAGE })).toBe(false);
    expect(handlers.check(null, CLIPBOARD_WRITE, 'https://example.com', {})).toBe(false);
    expect(isAppPage(undefined, PAGE)).toBe(false);
    expect(isAppPage('not a url', PAGE)).toBe(false);
  });

  it("isLocalUrl accepts only the app's own files and inline data", () => {
    expect(isLocalUrl('file:///app/index.html')).toBe(true);
    expect(isLocalUrl('blob:file:///1234')).toBe(true);
    expect(isLocalUrl('https://localhost/')).toBe(false);
    expect(isLocalUrl('javascript:alert(1)')).toBe(false);
  });
});
