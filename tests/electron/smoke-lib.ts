/**
 * The Electron smoke test's decisions, kept free of Electron and Playwright so they are unit-tested
 * (tests/unit/electron/smoke-lib.test.ts): what to launch, what "no Electron here" means, how checks add up to an
 * exit code, and whether the app's processes are gone after quit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Set in the release pipeline: a missing Electron runtime fails the smoke test instead of skipping it. */
export const REQUIRE_ELECTRON_ENV = 'LATENT_EXPLORER_REQUIRE_ELECTRON';
/** Set where tfjs-node installs: the status bar must name tfjs-node. */
export const REQUIRE_TFJS_NODE_ENV = 'LATENT_EXPLORER_REQUIRE_TFJS_NODE';

export const isSet = (value: string | undefined) => value === '1' || value === 'true';

export type Launch = { kind: 'run'; executablePath: string; args: string[]; packaged: boolean } | { kind: 'absent'; reason: string };

/** `--app <executable>` from the command line (the packaged app), or null for the development build. */
export function appArg(argv: readonly string[]): string | null {
  const i = argv.indexOf('--app');
  if (i < 0) return null;
  const value = argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error('--app needs the path of the packaged app executable');
  return value;
}

/** The Electron binary the electron package has downloaded, or null (never downloads). */
export function installedElectron(
  electronPkgDir: string,
  exists: (path: string) => boolean = (path) => existsSync(path),
  read = (p: string) => readFileSync(p, 'utf8'),
): string | null {
  const pathFile = join(electronPkgDir, 'path.txt');
  if (!exists(pathFile)) return null;
  const exe = join(electronPkgDir, 'dist', read(pathFile).trim());
  return exists(exe) ? exe : null;
}

/**
 * What to launch: the packaged app named by `--app`, else the development build (`dist/electron/main.cjs` in
 * `root`) on the electron package's runtime, fetched if `fetch` is given and it is missing.
 */
export function resolveLaunch(opts: {
  argv: readonly string[];
  root: string;
  electronPkgDir: string | null;
  exists?: (path: string) => boolean;
  read?: (path: string) => string;
  fetch?: () => string | null;
}): Launch {
  const exists = opts.exists ?? ((path: string) => existsSync(path));
  const app = appArg(opts.argv);
  if (app) {
    return exists(app)
      ? { kind: 'run', executablePath: app, args: [], packaged: true }
      : { kind: 'absent', reason: `the packaged app ${app} does not exist (build it with electron-builder first)` };
  }
  if (!exists(join(opts.root, 'dist', 'electron', 'main.cjs')))
    return { kind: 'absent', reason: 'dist/electron/main.cjs is not built (npm run build)' };
  if (!opts.electronPkgDir) return { kind: 'absent', reason: 'the electron package is not installed' };
  const exe = installedElectron(opts.electronPkgDir, exists, opts.read) ?? opts.fetch?.() ?? null;
  return exe
    ? { kind: 'run', executablePath: exe, args: [opts.root], packaged: false }
    : { kind: 'absent', reason: 'no Electron runtime is installed and it could not be downloaded' };
}

/** Runs the electron package's own installer (downloads the runtime); returns the binary or null. */
export function fetchElectron(electronPkgDir: string): string | null {
  const result = spawnSync(process.execPath, [join(electronPkgDir, 'install.js')], {
    cwd: electronPkgDir,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return result.status === 0 ? installedElectron(electronPkgDir) : null;
}

export function electronPackageDir(resolve: (id: string) => string): string | null {
  try {
    return dirname(resolve('electron/package.json'));
  } catch {
    return null;
  }
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * The smoke test's last line and exit code. Without Electron: exit 0 and a line saying it did NOT run (never
 * "passed"), unless the pipeline requires it. With Electron: every check must pass.
 */
export function verdict(
  results: readonly CheckResult[] | null,
  absentReason: string | null,
  required: boolean,
): { line: string; code: number } {
  if (!results) {
    const line = `Electron smoke test did NOT run: ${absentReason ?? 'no Electron runtime'}.`;
    return required
      ? { line: `${line} ${REQUIRE_ELECTRON_ENV} is set, so this is a failure.`, code: 1 }
      : { line: `${line} Nothing was checked.`, code: 0 };
  }
  const failed = results.filter((r) => !r.ok);
  if (results.length === 0) return { line: 'Electron smoke test ran no checks: failure.', code: 1 };
  return {
    line: `Electron smoke test: ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.map((f) => f.name).join(', ')})` : ''}`,
    code: failed.length ? 1 : 0,
  };
}

/** Whether a process id is still alive (signal 0 probes without touching it). */
export function alive(pid: number, kill: (pid: number, signal: 0) => void = (p, s) => process.kill(p, s)): boolean {
  try {
    kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until none of `pids` is alive; returns those still alive after `timeoutMs`. */
export async function waitGone(pids: readonly number[], timeoutMs: number, isAlive: (pid: number) => boolean = alive): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter((p) => isAlive(p));
    if (!left.length || Date.now() >= deadline) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
