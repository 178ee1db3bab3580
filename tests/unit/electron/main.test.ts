/**
 * electron/main.ts at import time, with Electron stood in for: a second instance quits without registering its
 * ready handler (no second window, no second engine); the first registers it and, once ready, opens one window
 * with the app icon, allows clipboard writes to its own page only, and builds the menu.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  lock: true,
  quit: 0,
  whenReady: 0,
  on: [] as string[],
  windows: [] as Record<string, unknown>[],
  forks: 0,
  readyThen: null as null | (() => void),
  permission: null as null | ((...a: unknown[]) => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: () => {}, send: () => {}, postMessage: () => {}, executeJavaScript: () => Promise.resolve('en') };
    constructor(opts: Record<string, unknown>) {
      calls.windows.push(opts);
    }
    once() {}
    on() {}
    loadFile() {
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: {
      enableSandbox: () => {},
      requestSingleInstanceLock: () => calls.lock,
      quit: () => void calls.quit++,
      on: (event: string) => void calls.on.push(event),
      whenReady: () => {
        calls.whenReady++;
        return { then: (f: () => void) => void (calls.readyThen = f) };
      },
      getVersion: () => '0.1.0',
    },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t, getApplicationMenu: () => null },
    dialog: {},
    nativeImage: { createFromPath: () => ({}) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...a: unknown[]) => void) => (calls.permission = h),
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
        webRequest: { onBeforeRequest: () => {} },
      },
    },
    utilityProcess: {
      fork: () => {
        calls.forks++;
        return { on: () => {}, once: () => {}, postMessage: () => {}, kill: () => true, pid: 1 };
      },
    },
    MessageChannelMain: class {
      port1 = {};
      port2 = {};
    },
  };
});

beforeEach(() => {
  vi.resetModules();
  Object.assign(calls, { quit: 0, whenReady: 0, on: [], windows: [], forks: 0, readyThen: null, permission: null });
});

describe('electron main at start', () => {
  it('a second instance quits and registers no ready handler: no window, no engine', async () => {
    calls.lock = false;
    await import('../../../electron/main.js');
    expect(calls.quit).toBe(1);
    expect(calls.whenReady).toBe(0);
    expect(calls.on).not.toContain('ready');
    expect(calls.windows).toHaveLength(0);
    expect(calls.forks).toBe(0);
  });

  it('the first instance, once ready, opens one window with the icon and lets its page write the clipboard', async () => {
    calls.lock = true;
    await import('../../../electron/main.js');
    expect(calls.quit).toBe(0);
    expect(calls.whenReady).toBe(1);
    calls.readyThen!();
    expect(calls.windows).toHaveLength(1);
    expect(String(calls.windows[0].icon)).toMatch(/assets[\\/]icon[\\/]icon\.png$/);
    expect(calls.forks).toBe(1);
    const answer = (url: string, permission: string) => {
      let ok: boolean | null = null;
      calls.permission!({ getURL: () => url }, permission, (a: boolean) => (ok = a), { requestingUrl: url });
      return ok;
    };
    const page = calls.windows.length && (await import('../../../electron/paths.js')).rendererIndex;
    const { pathToFileURL } = await import('node:url');
    expect(answer(pathToFileURL(String(page)).href, 'clipboard-sanitized-write')).toBe(true);
    expect(answer('https://example.com/', 'clipboard-sanitized-write')).toBe(false);
  });
});
