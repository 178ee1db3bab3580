import { describe, expect, it } from 'vitest';
import { appArg, installedElectron, resolveLaunch, verdict, waitGone } from '../../../tests/electron/smoke-lib.js';

const ROOT = '/repo';
const MAIN = '/repo/dist/electron/main.cjs';

describe('Electron smoke test: what to launch', () => {
  it('--app names the packaged executable; a missing one is absence, not a crash', () => {
    expect(appArg(['--app', '/r/linux-unpacked/latent-explorer'])).toBe('/r/linux-unpacked/latent-explorer');
    expect(appArg([])).toBeNull();
    expect(() => appArg(['--app'])).toThrow(/needs the path/);
    const exists = (p: string) => p === '/r/app';
    expect(resolveLaunch({ argv: ['--app', '/r/app'], root: ROOT, electronPkgDir: null, exists })).toEqual({
      kind: 'run',
      executablePath: '/r/app',
      args: [],
      packaged: true,
    });
    expect(resolveLaunch({ argv: ['--app', '/r/other'], root: ROOT, electronPkgDir: null, exists })).toMatchObject({ kind: 'absent' });
  });

  it('the development build runs on the downloaded runtime, and only fetches when asked', () => {
    const files = new Set([MAIN, '/e/path.txt', '/e/dist/electron']);
    const exists = (p: string) => files.has(p);
    expect(installedElectron('/e', exists, () => 'electron\n')).toBe('/e/dist/electron');
    const found = resolveLaunch({ argv: [], root: ROOT, electronPkgDir: '/e', exists, read: () => 'electron\n' });
    expect(found).toEqual({ kind: 'run', executablePath: '/e/dist/electron', args: [ROOT], packaged: false });
    const none = resolveLaunch({ argv: [], root: ROOT, electronPkgDir: '/e', exists: (p) => p === MAIN });
    expect(none).toEqual({ kind: 'absent', reason: 'no Electron runtime is installed and it could not be downloaded' });
    let fetched = 0;
    const viaFetch = resolveLaunch({
      argv: [],
      root: ROOT,
      electronPkgDir: '/e',
      exists: (p) => p === MAIN,
      fetch: () => (fetched++, '/e/dist/electron'),
    });
    expect(viaFetch).toEqual({ kind: 'run', executablePath: '/e/dist/electron', args: [ROOT], packaged: false });
    expect(fetched).toBe(1);
    expect(resolveLaunch({ argv: [], root: ROOT, electronPkgDir: '/e', exists: () => false })).toMatchObject({ reason: /not built/ });
  });
});

describe('Electron smoke test: the verdict', () => {
  it('without Electron it says it did NOT run and exits 0, never claiming a pass', () => {
    const { line, code } = verdict(null, 'no runtime', false);
    expect(code).toBe(0);
    expect(line).toMatch(/did NOT run: no runtime/);
    expect(line).not.toMatch(/pass/i);
  });

  it('the pipeline (LATENT_EXPLORER_REQUIRE_ELECTRON) makes absence a failure', () => {
    const { line, code } = verdict(null, 'no runtime', true);
    expect(code).toBe(1);
    expect(line).toMatch(/LATENT_EXPLORER_REQUIRE_ELECTRON is set/);
  });

  it('with Electron every check must pass, and zero checks is a failure', () => {
    const ok = { name: 'a', ok: true, detail: '' };
    const bad = { name: 'engine restarts', ok: false, detail: 'x' };
    expect(verdict([ok, ok], null, true)).toEqual({ line: 'Electron smoke test: 2 passed, 0 failed', code: 0 });
    expect(verdict([ok, bad], null, false)).toEqual({ line: 'Electron smoke test: 1 passed, 1 failed (engine restarts)', code: 1 });
    expect(verdict([], null, false).code).toBe(1);
  });
});

describe('Electron smoke test: leftovers', () => {
  it('waitGone reports the processes still alive after the timeout', async () => {
    const alive = new Set([11, 12]);
    setTimeout(() => alive.delete(11), 50);
    expect(await waitGone([11, 12], 400, (p) => alive.has(p))).toEqual([12]);
    expect(await waitGone([11], 400, (p) => alive.has(p))).toEqual([]);
  });
});
