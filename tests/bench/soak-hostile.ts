/**
 * The hostile part of `npm run bench:soak` (issue 18): while a client that never reads its socket sends large
 * requests, and another fires a burst of 5,000 decodes at once, a third (the page) goes on decoding one point at a
 * time. Reports the engine's resident memory (sampled from /proc every 50 ms: its peak is the bound) and the
 * polite client's latency, then the memory after the greedy client left.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { quantile } from '../../src/bench/stats.js';
import { encodeFrame } from '../../src/pure/api/wire.js';
import { ROOT, connectApi, type ServeChild } from '../helpers/serve-process.js';

export interface HostileSummary {
  greedyRequests: number;
  greedyAnswerMB: number;
  burst: number;
  burstSeconds: number;
  burstFailed: number;
  /** Latency of the burst's own requests (they wait behind each other by design). */
  burstP99Ms: number;
  politeRequests: number;
  politeP50Ms: number;
  politeP99Ms: number;
  rssBeforeMB: number;
  rssPeakMB: number;
  rssAfterLeaveMB: number;
  greedyClosed: string;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (v: number) => Math.round(v * 100) / 100;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** Resident memory of process `pid`, bytes (Linux /proc). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) * 1024 : NaN;
}

export async function hostilePhase(serve: ServeChild, opts: { greedy: number; indices: number; burst: number }): Promise<HostileSummary> {
  const pid = serve.child.pid!;
  const rssBefore = rssOf(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(pid))), 50);

  // The greedy client: large answers (images of `indices` test images each), never read.
  const greedy = await connectApi(serve.url);
  let greedyClosed = 'still open';
  greedy.ws.on('close', (code, reason) => (greedyClosed = `${code} ${reason.toString() || '(no reason)'}`));
  (greedy.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const indices = Uint32Array.from({ length: opts.indices }, (_, i) => i);
  for (let id = 1; id <= opts.greedy; id++) greedy.ws.send(encodeFrame({ kind: 'request', id, method: 'images', arg: { indices } }));

  // The polite client: one decode at a time, as a drag does, for as long as the burst lasts.
  const polite = await connectApi(serve.url);
  const politeMs: number[] = [];
  let bursting = true;
  const politeLoop = (async () => {
    while (bursting) {
      const s = performance.now();
      await polite.api.decode({ points: Float32Array.of(Math.random() * 4 - 2, Math.random() * 4 - 2) });
      politeMs.push(performance.now() - s);
    }
  })();

  // The burst: 5,000 decodes sent at once on one connection, from another process.
  const burst = await new Promise<{ seconds: number; failed: number; p99Ms: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/soak-burst.ts', serve.url, String(opts.burst)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`burst exited ${code}`)),
    );
  });
  bursting = false;
  await politeLoop;

  // The greedy client leaves; what it made the engine hold must go.
  const greedyState = greedyClosed;
  greedy.ws.terminate();
  await sleep(3_000);
  await polite.api.info(); // the engine runs a full GC for `info` under --expose-gc
  await sleep(500);
  clearInterval(sampler);
  const rssAfter = rssOf(pid);
  polite.close();
  return {
    greedyRequests: opts.greedy,
    greedyAnswerMB: mb(opts.indices * 784),
    burst: opts.burst,
    burstSeconds: burst.seconds,
    burstFailed: burst.failed,
    burstP99Ms: burst.p99Ms,
    politeRequests: politeMs.length,
    politeP50Ms: ms(quantile(politeMs, 0.5)),
    politeP99Ms: ms(quantile(politeMs, 0.99)),
    rssBeforeMB: mb(rssBefore),
    rssPeakMB: mb(rssPeak),
    rssAfterLeaveMB: mb(rssAfter),
    greedyClosed: greedyState,
  };
}
