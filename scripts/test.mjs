#!/usr/bin/env node
// `npm test`: typecheck every tsconfig (root, renderer + svelte-check, electron, pure), lint (ESLint with zero warnings,
// Prettier), build the renderer, audit the Electron side (electronegativity), package the app and check the package
// (scripts/package-check.mjs), run vitest (unit and e2e projects), and end with one plain line `N passed, N failed` (checks count as tests).
// Exits non-zero on any failure. Under CI=true the e2e tests are required (a missing Chromium fails them).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Windows has `name.cmd` shims, which Node spawns only through a shell.
const windows = process.platform === 'win32';
const bin = (name) => join(root, 'node_modules', '.bin', windows ? `${name}.cmd` : name);
const report = join(root, 'test-results', 'vitest.json');

// Two lanes run side by side, one a core; each check's output is printed whole when it ends. The renderer is
// built before the package check, which bundles it, so both sit in one lane.
const lanes = [
  [
    ['typecheck src + tests', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
    ['typecheck pure modules', bin('tsc'), ['-p', 'tsconfig.pure.json']],
    ['typecheck electron', bin('tsc'), ['-p', 'electron/tsconfig.json']],
    ['typecheck renderer', bin('tsc'), ['-p', 'renderer/tsconfig.json']],
    ['svelte-check renderer', bin('svelte-check'), ['--tsconfig', 'renderer/tsconfig.json', '--threshold', 'error', '--output', 'human']],
  ],
  [
    ['eslint (zero warnings)', bin('eslint'), ['.', '--max-warnings=0']],
    ['prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
    ['build renderer', process.execPath, ['scripts/build.mjs', 'renderer']],
    ['electronegativity audit', process.execPath, ['scripts/audit-electron.mjs']],
    // Builds the Electron bundles too, packages with electron-builder --dir and runs the packaged engine (~30 s).
    ['package check', process.execPath, ['scripts/package-check.mjs']],
  ],
];
const checks = lanes.flat();

const spawnOptions = { cwd: root, env: process.env };
const useShell = (cmd) => windows && cmd.endsWith('.cmd');
const verdict = (label, ok, started) => console.log(`${ok ? 'ok  ' : 'FAIL'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

/** Runs a check with its output held back, then prints it with the verdict: the two lanes' lines do not interleave. */
function runBuffered(label, cmd, args) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { ...spawnOptions, shell: useShell(cmd) });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const finish = (ok) => {
      process.stdout.write(Buffer.concat(output));
      verdict(label, ok, started);
      done(ok);
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`${error.message}\n`));
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

/** The checks of one lane in order; the labels of those that failed. */
async function runLane(lane) {
  const failed = [];
  for (const [label, cmd, args] of lane) if (!(await runBuffered(label, cmd, args))) failed.push(label);
  return failed;
}

function run(label, cmd, args) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { ...spawnOptions, stdio: 'inherit', shell: useShell(cmd) });
  const ok = result.status === 0;
  verdict(label, ok, started);
  return ok;
}

const failedChecks = (await Promise.all(lanes.map(runLane))).flat();

mkdirSync(join(root, 'test-results'), { recursive: true });
rmSync(report, { force: true });
const extra = process.argv.slice(2);
const vitestOk = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that fails to load has no tests to count: count it as one failure.
  failed += json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} catch {
  console.error('vitest wrote no report: counting the test run as one failure');
  failed += 1;
}
if (!vitestOk && failed === 0) {
  // An unhandled error or a test process that died leaves no failed test in the report.
  console.error('vitest failed with no failing test in its report (an unhandled error or a crashed test file): counting one failure');
  failed += 1;
}
passed += checks.length - failedChecks.length;
failed += failedChecks.length;
if (failedChecks.length) console.log(`failed checks: ${failedChecks.join(', ')}`);
if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
