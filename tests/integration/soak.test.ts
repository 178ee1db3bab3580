/**
 * A short run of the soak benchmark (`npm run bench:soak` does 20,000 decodes): it drives serve mode end to end and
 * its `--json` line reports a flat tensor count and the keys the performance notes quote.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/serve-process.js';

describe('bench:soak', () => {
  it('soak --decodes 1000 --interps 10 --json ends with a summary whose tensor count did not grow', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tests/bench/soak.ts', '--decodes', '1000', '--interps', '10', '--window', '500', '--json'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const summary = JSON.parse(lines.at(-1)!) as Record<string, unknown> & { windows: unknown[] };
    expect(summary).toMatchObject({ decodes: 1000, interpolations: 10, backend: 'wasm' });
    expect(summary.tensorsEnd).toBe(summary.tensorsStart);
    for (const key of ['heapStartMB', 'heapEndMB', 'p99FirstWindowMs', 'p99LastWindowMs', 'interpP99Ms'])
      expect(typeof summary[key], key).toBe('number');
    expect(summary.windows).toHaveLength(2);
    expect(run.stdout).toMatch(/window {3}2: decode p50 [\d.]+ ms, p99 [\d.]+ ms/);
  });
});
