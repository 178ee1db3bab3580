/**
 * `npx tsx tests/bench/list-runs.ts [n]`: how long listing a library of n (300) runs takes. Compares the check
 * listing did before (record + both models' files read and hashed on every call: `checkRun` per run) with
 * `listRuns` now: files hashed on the first call, models built and probed in the background, then only stats.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../src/model/backend.js';
import { checkRun, listRuns } from '../../src/runs/index.js';
import { whenVerified } from '../../src/runs/check-cache.js';
import { ROOT } from '../helpers/serve-process.js';

const n = Number(process.argv[2] ?? 300);
await initBackend({ prefer: 'wasm' });
const root = mkdtempSync(join(tmpdir(), 'lex-list-bench-'));
try {
  for (let i = 0; i < n; i++) cpSync(join(ROOT, 'assets', 'default-run'), join(root, `run-${i}`), { recursive: true });
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return Math.round(performance.now() - t);
  };
  const hashEveryCall = await time(async () => {
    for (let i = 0; i < n; i++) await checkRun(join(root, `run-${i}`));
  });
  const first = await time(() => listRuns(root));
  const deep = await time(async () => {
    await new Promise((r) => setImmediate(r));
    await whenVerified();
  });
  const second = await time(() => listRuns(root));
  const third = await time(() => listRuns(root));
  const listed = (await listRuns(root)).runs.length;
  console.log(
    `${n} runs (${listed} listed): re-hash on every call ${hashEveryCall} ms; listRuns first ${first} ms (files hashed), background deep check ${deep} ms more, then ${second} ms, ${third} ms`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
