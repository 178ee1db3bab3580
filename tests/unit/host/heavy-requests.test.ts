/**
 * Heavy requests share the engine (issue 18): a 10,000-image reconstruction report works in slices and lets a
 * decode through meanwhile (it used to make every other request wait 2-3 s), and stops when its requester has
 * gone instead of finishing work nobody will read.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const runsDir = mkdtempSync(join(tmpdir(), 'lex-heavy-'));
let session: Session;
let host: Host;

beforeAll(async () => {
  const dir = join(runsDir, 'r');
  cpSync(join(ROOT, 'assets', 'default-run'), dir, { recursive: true });
  const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { id: string };
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...record, id: 'r' }));
  session = createSession({ runsDir, backend: currentBackend, version: 'test' });
  host = createHost(session);
  // Warm: the run open, the dataset loaded, kernels compiled.
  expect((await host.handle('openRun', { id: 'r' })).ok).toBe(true);
  expect((await host.handle('reconstructionReport', { runId: 'r', split: 'test', limit: 100 })).ok).toBe(true);
});
afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

describe('heavy requests', () => {
  it('a decode sent after a 10,000-image report is answered before the report', async () => {
    const order: string[] = [];
    const report = host.handle('reconstructionReport', { runId: 'r', split: 'train', limit: 10_000 }).then((r) => {
      order.push('report');
      return r;
    });
    const decode = host.handle('decode', { runId: 'r', points: Float32Array.of(0, 0) }).then((r) => {
      order.push('decode');
      return r;
    });
    const [reportResult, decodeResult] = await Promise.all([report, decode]);
    expect(reportResult.ok && decodeResult.ok).toBe(true);
    expect(order).toEqual(['decode', 'report']);
  });

  it('a report whose requester left stops with a cancellation instead of finishing', async () => {
    const gone = new AbortController();
    const report = host.handle('reconstructionReport', { runId: 'r', split: 'train', limit: 10_000 }, gone.signal);
    setTimeout(() => gone.abort(), 20);
    const result = await report;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/cancelled: the client that asked has gone/);
  });
});
