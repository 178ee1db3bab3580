/**
 * `npm run test:electron [-- --app <packaged executable>]`: launches the real Electron app with Playwright's
 * Electron support and checks what only a real window can show: the window opens, the status bar names the backend
 * (tfjs-node when LATENT_EXPLORER_REQUIRE_TFJS_NODE=1), a click on the map decodes, the menu's language follows the
 * page, copy to clipboard works, a tiny training finishes (in a packaged app, despite an inherited
 * LATENT_EXPLORER_TRAIN_WORKER pointing elsewhere), every request settles (an unclonable response must be answered,
 * not dropped), a second launch opens no second window or engine, the engine restarts after being killed, a crash
 * loop makes the page say so and fail its requests, quitting leaves no process behind, and the page records no
 * CSP violation.
 * Where no Electron runtime exists it says it did NOT run and exits 0, unless LATENT_EXPLORER_REQUIRE_ELECTRON=1
 * (the release pipeline), where that is a failure. Linux without a display: run it under `xvfb-run -a`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { CSP_RECORDER, clickDecodes, waitForMap } from './page-checks.js';
import {
  REQUIRE_ELECTRON_ENV,
  REQUIRE_TFJS_NODE_ENV,
  electronPackageDir,
  fetchElectron,
  isSet,
  resolveLaunch,
  verdict,
  waitGone,
  type CheckResult,
} from './smoke-lib.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The part of Electron's clipboard used here (Playwright types the evaluated module as the DOM's). */
interface ElectronClipboard {
  clear(): void;
  readText(): string;
  readImage(): { isEmpty(): boolean; getSize(): { width: number; height: number } };
}
const require = createRequire(import.meta.url);
const TINY_TRAINING = {
  name: 'smoke',
  arch: 'dense',
  latent: 2,
  hidden: [32],
  filters: [],
  activation: 'relu',
  loss: 'bce',
  noise: { kind: 'dropout', level: 0 },
  beta: 1,
  contraction: 0,
  learningRate: 0.002,
  batchSize: 100,
  epochs: 1,
  seed: 1,
  limit: 500,
};

const results: CheckResult[] = [];
async function check(name: string, body: () => Promise<string>): Promise<boolean> {
  try {
    const detail = await body();
    results.push({ name, ok: true, detail });
    console.log(`ok   ${name}: ${detail}`);
    return true;
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n').slice(0, 4).join(' | ') : String(err);
    results.push({ name, ok: false, detail });
    console.log(`FAIL ${name}: ${detail}`);
    return false;
  }
}

async function poll<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Pids of the engine utility process(es), from main's own process list. */
async function enginePids(app: ElectronApplication): Promise<number[]> {
  return app.evaluate(({ app: electronApp }) =>
    electronApp
      .getAppMetrics()
      .filter((m) => m.type === 'Utility' && (m.name === 'Latent Explorer engine' || m.serviceName === 'Latent Explorer engine'))
      .map((m) => m.pid),
  );
}

/** Resolves to 'ok' or 'error: …' within `ms`, or 'unsettled' when the request never answers. */
async function settles(page: Page, method: string, arg: unknown, ms: number): Promise<string> {
  return page.evaluate(
    ([m, a, t]) => {
      type Api = Record<string, (x?: unknown) => Promise<unknown>>;
      const api = (window as unknown as { explorer: Api }).explorer;
      const revive = (v: unknown): unknown =>
        v && typeof v === 'object' && 'u32' in v
          ? new Uint32Array((v as { u32: number[] }).u32)
          : v && typeof v === 'object' && 'f32' in v
            ? new Float32Array((v as { f32: number[] }).f32)
            : v;
      const argument = a && typeof a === 'object' ? Object.fromEntries(Object.entries(a).map(([k, v]) => [k, revive(v)])) : a;
      return Promise.race([
        api[m]!(argument ?? undefined).then(
          () => 'ok',
          (e: unknown) => `error: ${e instanceof Error ? e.message : String(e)}`,
        ),
        new Promise<string>((r) => setTimeout(() => r('unsettled'), t)),
      ]);
    },
    [method, arg, ms] as const,
  );
}

async function run(
  app: ElectronApplication,
  launch: { executablePath: string; args: string[]; packaged: boolean },
  env: Record<string, string>,
): Promise<void> {
  const packaged = launch.packaged;
  let page: Page | null = null;
  await check('window opens', async () => {
    page = await app.firstWindow({ timeout: 60_000 });
    // Reloaded once with CSP violations recorded from the first script on (checked at the end).
    await page.context().addInitScript(CSP_RECORDER);
    await page.reload();
    await page.waitForLoadState('domcontentloaded');
    const title = await page.title();
    const visible = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()));
    if (visible.length !== 1) throw new Error(`${visible.length} windows`);
    return `one window, title '${title}', ${packaged ? 'packaged app' : 'development build'}`;
  });
  if (!page) return;
  const p: Page = page;

  await check('status bar names the backend', async () => {
    const { backend, note } = await waitForMap(p);
    if (isSet(process.env[REQUIRE_TFJS_NODE_ENV]) && backend !== 'tfjs-node')
      throw new Error(`backend is ${backend} (${note}), tfjs-node required`);
    if (note?.includes('failed')) throw new Error(`a backend failed to load: ${note}`);
    return `${backend}${note ? ` (${note})` : ''}`;
  });

  await check('a click on the map decodes', async () => `decoded (${(await clickDecodes(p)).map((v) => v.toFixed(2)).join(', ')})`);

  await check("the menu's language follows the page", async () => {
    const checked = (locale: string) =>
      app.evaluate(({ Menu }, id) => Menu.getApplicationMenu()?.getMenuItemById(id)?.checked ?? false, `language-${locale}`);
    await p.getByTestId('lang').selectOption('es');
    await poll('the Español radio', () => checked('es'), 10_000);
    await p.getByTestId('lang').selectOption('en');
    await poll('the English radio', () => checked('en'), 10_000);
    return 'es then en checked in the View > Language menu';
  });

  await check('copy to clipboard', async () => {
    await app.evaluate(({ clipboard }) => (clipboard as unknown as ElectronClipboard).clear());
    // navigator.clipboard.write needs a focused document (no window manager under Xvfb focuses it for us).
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.focus());
    await p.bringToFront();
    await p.getByTestId('export-button').first().click();
    await p.getByTestId('export-copy').first().click();
    const what = await poll(
      'something on the clipboard',
      () =>
        app.evaluate(({ clipboard: dom }) => {
          // Playwright types the evaluated module loosely: this is Electron's clipboard, not the DOM's.
          const clipboard = dom as unknown as ElectronClipboard;
          const image = clipboard.readImage();
          if (!image.isEmpty()) return `a ${image.getSize().width}x${image.getSize().height} image`;
          const text = clipboard.readText();
          return text.startsWith('<svg') ? `SVG text (${text.length} chars)` : null;
        }),
      15_000,
    );
    return `${what} (${(await p.getByTestId('export-status').first().textContent())?.trim()})`;
  });

  await check('a tiny training finishes', async () => {
    const end = await p.evaluate(
      (config) =>
        new Promise<string>((resolve, reject) => {
          type Api = {
            onDidTrainEnd(l: (e: { outcome: string; message?: string }) => void): () => void;
            startTraining(r: { config: unknown }): Promise<unknown>;
          };
          const api = (window as unknown as { explorer: Api }).explorer;
          const off = api.onDidTrainEnd((e) => (off(), resolve(`${e.outcome}${e.message ? `: ${e.message}` : ''}`)));
          api.startTraining({ config }).catch(reject);
          setTimeout(() => reject(new Error('no trainEnd within 180 s')), 180_000);
        }),
      TINY_TRAINING,
    );
    if (end !== 'complete') throw new Error(`training ended ${end}`);
    return '1 epoch on 500 images: complete';
  });

  await check('every request settles (no response dropped, e.g. for not being cloneable)', async () => {
    const calls: [string, unknown][] = [
      ['info', undefined],
      ['listRuns', undefined],
      ['listDatasets', undefined],
      ['listCheckpoints', undefined],
      ['embedding', undefined],
      ['images', { indices: { u32: [0, 1, 2] } }],
      ['decode', { points: { f32: [0, 0, 1, 1] } }],
      ['grid', { x0: -1, x1: 1, y0: -1, y1: 1, n: 3 }],
      ['interpolate', { from: 0, to: 1, steps: 3 }],
      ['decode', { points: { f32: [Number.NaN, 0] } }],
    ];
    const outcomes = [];
    for (const [method, arg] of calls) outcomes.push(`${method}: ${await settles(p, method, arg, 30_000)}`);
    const stuck = outcomes.filter((o) => o.endsWith('unsettled'));
    if (stuck.length) throw new Error(`never answered: ${stuck.join(', ')}`);
    return outcomes.map((o) => o.replace(/^(\w+): error.*/, '$1: error')).join(', ');
  });

  await check('a second launch opens no second window or engine', async () => {
    const second = spawn(launch.executablePath, launch.args, { env, stdio: 'ignore' });
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => (second.kill('SIGKILL'), resolve('still running after 20 s')), 20_000);
      second.once('exit', (c, signal) => (clearTimeout(timer), resolve(c ?? String(signal))));
    });
    if (code !== 0) throw new Error(`the second instance ended with ${code}`);
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    const engines = await enginePids(app);
    if (windows !== 1 || engines.length !== 1) throw new Error(`${windows} windows, ${engines.length} engines`);
    return 'the second instance quit at once; still one window and one engine';
  });

  await check('the engine restarts after being killed', async () => {
    const [pid] = await poll('the engine process', () => enginePids(app).then((l) => (l.length ? l : null)), 10_000);
    process.kill(pid!, 'SIGKILL');
    const next = await poll('a new engine process', () => enginePids(app).then((l) => l.find((x) => x !== pid)), 30_000);
    const answer = await poll(
      'info from the new engine',
      async () => ((await settles(p, 'info', undefined, 10_000)) === 'ok' ? 'ok' : null),
      60_000,
    );
    return `engine ${pid} killed, engine ${next} answers (${answer})`;
  });

  await check('a crash loop: the page is told and its requests fail', async () => {
    // The give-up error box is modal: note it instead of showing it, so the test can go on.
    await app.evaluate(({ dialog }) => {
      (globalThis as { errorBoxes?: string[] }).errorBoxes = [];
      dialog.showErrorBox = (title: string, content: string) =>
        void (globalThis as { errorBoxes?: string[] }).errorBoxes!.push(`${title}: ${content}`);
    });
    let killed = 0;
    for (let i = 0; i < 12; i++) {
      const pids = await poll('an engine process', () => enginePids(app).then((l) => (l.length ? l : null)), 15_000).catch(() => null);
      if (!pids) break; // no engine any more: given up
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      killed++;
      await new Promise((r) => setTimeout(r, 300));
    }
    const boxes = await app.evaluate(() => (globalThis as { errorBoxes?: string[] }).errorBoxes ?? []);
    if (!boxes.length) throw new Error(`no give-up after ${killed} kills`);
    const link = await poll(
      'the link status to leave ready',
      () =>
        p
          .getByTestId('status-link')
          .getAttribute('class')
          .then((c) => (c && !c.includes('link-ready') ? c : null)),
      15_000,
    );
    const request = await settles(p, 'info', undefined, 15_000);
    if (!request.startsWith('error')) throw new Error(`a request after give-up: ${request}`);
    return `gave up after ${killed} kills; link '${link.trim()}'; info -> ${request}`;
  });

  await check('no CSP violation in the page (zod runs jitless)', async () => {
    const seen = await p.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? null);
    if (!seen) throw new Error('the CSP recorder did not run');
    if (seen.length) throw new Error(seen.slice(0, 3).join(' | '));
    return 'none recorded since the reload';
  });
}

async function main(): Promise<number> {
  const required = isSet(process.env[REQUIRE_ELECTRON_ENV]);
  const pkgDir = electronPackageDir(require.resolve);
  const launch = resolveLaunch({
    argv: process.argv.slice(2),
    root: ROOT,
    electronPkgDir: pkgDir,
    fetch: required && pkgDir ? () => fetchElectron(pkgDir) : undefined,
  });
  if (launch.kind === 'absent') {
    const { line, code } = verdict(null, launch.reason, required);
    console.log(line);
    return code;
  }
  const runs = mkdtempSync(join(tmpdir(), 'lex-smoke-runs-'));
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const wanted: NodeJS.ProcessEnv = {
    ...process.env,
    LATENT_EXPLORER_RUNS: runs,
    // A packaged app must ignore an inherited worker override: the tiny training then proves it ran its own.
    ...(launch.packaged ? { LATENT_EXPLORER_TRAIN_WORKER: join(runs, 'no-such-worker.cjs') } : {}),
  };
  const env = Object.fromEntries(Object.entries(wanted).filter((e): e is [string, string] => e[1] !== undefined));
  const args = [...launch.args, ...(asRoot ? ['--no-sandbox'] : [])];
  let app: ElectronApplication | null = null;
  try {
    app = await _electron.launch({
      executablePath: launch.executablePath,
      args,
      env,
      timeout: 90_000,
    });
  } catch (err) {
    const reason = `Electron did not launch: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    rmSync(runs, { recursive: true, force: true });
    const { line, code } = verdict(null, reason, required);
    console.log(line);
    return code;
  }
  try {
    await run(app, { ...launch, args }, env);
  } finally {
    await check('quitting leaves no process behind', async () => {
      const metrics = await app!.evaluate(({ app: a }) => a.getAppMetrics().map((m) => `${m.pid}:${m.type}`));
      const pids = [...new Set([app!.process().pid!, ...metrics.map((m) => Number(m.split(':')[0]))])];
      // The app may be gone before evaluate answers: that is the point.
      await app!.evaluate(({ app: a }) => a.quit()).catch(() => {});
      const left = await waitGone(pids, 20_000);
      if (left.length) throw new Error(`still running: ${left.join(', ')} of ${metrics.join(' ')}`);
      return `${pids.length} processes (${metrics.map((m) => m.split(':')[1]).join(', ')}) all gone`;
    });
    await app.close().catch(() => {});
    rmSync(runs, { recursive: true, force: true });
  }
  const { line, code } = verdict(results, null, required);
  console.log(line);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Electron smoke test crashed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
