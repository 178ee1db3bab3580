/**
 * `npm run bench:soak`: a long session over serve mode. Starts `serve` (with `--expose-gc`, so the engine's heap
 * figure is live data) on a fresh library with the shipped default model, connects a Node WebSocket client the way
 * the page does, and sends 20,000 decode requests (one point each, as a drag does) with 200 interpolations mixed
 * in (one after every 100 decodes). Prints the engine's heap, RSS and live tensors (from `info().memory`) at the
 * start and the end, p50/p99 decode latency per window of 1,000 requests, and a `--json` summary as its last line.
 *
 * Then the hostile phase (soak-hostile.ts): a client that never reads sends --greedy large `images` requests
 * (--greedy-indices images each), another sends a burst of --burst decodes at once, and the page's client goes on
 * decoding: the engine's peak resident memory must stay under --rss-bound MB and the page's p99 under 100 ms.
 *
 * Flags: --decodes <n> (20000), --interps <n> (200), --steps <n> (16), --window <n> (1000), --greedy <n> (150),
 * --greedy-indices <n> (20000), --burst <n> (5000), --rss-bound <MB> (1024), --json.
 * Exits 1 when the engine leaked tensors, a request failed, or a hostile-phase bound was passed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineMemory } from '../../src/pure/api/api.js';
import { quantile } from '../../src/bench/stats.js';
import { argValue } from '../../src/host/config.js';
import { connectApi, spawnServe } from '../helpers/serve-process.js';
import { hostilePhase } from './soak-hostile.js';
import { errorMessage } from '../../src/pure/errors.js';

const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const v = Number(argValue(argv, name) ?? fallback);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a non-negative integer`);
  return v;
};
const DECODES = num('--decodes', 20_000);
const INTERPS = num('--interps', 200);
const STEPS = num('--steps', 16);
const WINDOW = Math.max(1, num('--window', 1000));
const JSON_OUT = argv.includes('--json');
const GREEDY = num('--greedy', 150);
const GREEDY_INDICES = num('--greedy-indices', 20_000);
const BURST = num('--burst', 5_000);
const RSS_BOUND_MB = num('--rss-bound', 1024);
const POLITE_P99_BOUND_MS = 100;

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const ms = (v: number) => Math.round(v * 100) / 100;

/** A seeded LCG: the same points and pairs on every run, so two runs are comparable. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function main(): Promise<number> {
  const runsDir = mkdtempSync(join(tmpdir(), 'lex-soak-'));
  const serve = await spawnServe({ runsDir, nodeArgs: ['--expose-gc'] });
  const conn = await connectApi(serve.url);
  const { api } = conn;
  try {
    const info = await api.info();
    if (!info.run || !info.memory) throw new Error(`serve has no model or reports no memory: ${JSON.stringify(info).slice(0, 300)}`);
    const [trainCount, testCount] = [info.dataset.trainCount, info.dataset.testCount];
    const rand = lcg(7);
    const point = () => Float32Array.of(rand() * 8 - 4, rand() * 8 - 4);
    // Warm-up: compiled kernels, caches, the first embedding-free paths; not measured.
    for (let i = 0; i < 200; i++) await api.decode({ points: point() });
    await api.interpolate({ from: 0, to: 1, steps: STEPS });
    const start = (await api.info()).memory as EngineMemory;

    const decodeMs: number[] = [];
    const interpMs: number[] = [];
    const windows: { n: number; p50: number; p99: number; max: number }[] = [];
    const t0 = performance.now();
    const interpEvery = INTERPS > 0 ? Math.max(1, Math.floor(DECODES / INTERPS)) : Infinity;
    let interps = 0;
    for (let i = 0; i < DECODES; i++) {
      const s = performance.now();
      const { images } = await api.decode({ points: point() });
      decodeMs.push(performance.now() - s);
      if (images.length !== 784) throw new Error(`decode ${i} returned ${images.length} bytes`);
      if ((i + 1) % interpEvery === 0 && interps < INTERPS) {
        const from = Math.floor(rand() * (trainCount + testCount));
        const to = Math.floor(rand() * (trainCount + testCount));
        const s2 = performance.now();
        const r = await api.interpolate({ from, to, steps: STEPS });
        interpMs.push(performance.now() - s2);
        interps++;
        if (r.latent.length !== STEPS * 784) throw new Error(`interpolation ${interps} returned ${r.latent.length} bytes`);
      }
      if ((i + 1) % WINDOW === 0 || i === DECODES - 1) {
        const slice = decodeMs.slice(windows.length * WINDOW);
        windows.push({ n: windows.length + 1, p50: ms(quantile(slice, 0.5)), p99: ms(quantile(slice, 0.99)), max: ms(Math.max(...slice)) });
        console.log(
          `  window ${String(windows.length).padStart(3)}: decode p50 ${windows.at(-1)!.p50} ms, p99 ${windows.at(-1)!.p99} ms, max ${windows.at(-1)!.max} ms`,
        );
      }
    }
    while (interps < INTERPS) {
      const s2 = performance.now();
      await api.interpolate({ from: interps, to: interps + 1, steps: STEPS });
      interpMs.push(performance.now() - s2);
      interps++;
    }
    const seconds = (performance.now() - t0) / 1000;
    const end = (await api.info()).memory as EngineMemory;

    const first = windows[0];
    const last = windows.at(-1);
    const summary = {
      decodes: DECODES,
      interpolations: interps,
      steps: STEPS,
      seconds: Math.round(seconds * 10) / 10,
      backend: info.backend,
      model: info.run.name,
      heapStartMB: mb(start.heapUsedBytes),
      heapEndMB: mb(end.heapUsedBytes),
      heapGrowthMB: mb(end.heapUsedBytes - start.heapUsedBytes),
      rssStartMB: mb(start.rssBytes),
      rssEndMB: mb(end.rssBytes),
      tensorsStart: start.tensors,
      tensorsEnd: end.tensors,
      tensorBytesStart: start.tensorBytes,
      tensorBytesEnd: end.tensorBytes,
      decodeP50Ms: ms(quantile(decodeMs, 0.5)),
      decodeP99Ms: ms(quantile(decodeMs, 0.99)),
      p99FirstWindowMs: first?.p99 ?? NaN,
      p99LastWindowMs: last?.p99 ?? NaN,
      p99WorstWindowMs: Math.max(...windows.map((w) => w.p99)),
      interpP50Ms: ms(quantile(interpMs, 0.5)),
      interpP99Ms: ms(quantile(interpMs, 0.99)),
      windows,
    };
    const leaked = end.tensors !== start.tensors;
    console.log(
      `soak: ${DECODES} decodes + ${interps} interpolations (${STEPS} steps) in ${summary.seconds} s on ${info.backend}, model '${info.run.name}'`,
    );
    console.log(
      `  engine heap   ${summary.heapStartMB} MB -> ${summary.heapEndMB} MB (${summary.heapGrowthMB >= 0 ? '+' : ''}${summary.heapGrowthMB} MB, after a full GC)`,
    );
    console.log(`  engine RSS    ${summary.rssStartMB} MB -> ${summary.rssEndMB} MB`);
    console.log(
      `  tensors       ${start.tensors} -> ${end.tensors} (${mb(start.tensorBytes)} MB -> ${mb(end.tensorBytes)} MB)${leaked ? '  LEAK' : ''}`,
    );
    console.log(
      `  decode        p50 ${summary.decodeP50Ms} ms, p99 ${summary.decodeP99Ms} ms; p99 per ${WINDOW}: first ${summary.p99FirstWindowMs}, last ${summary.p99LastWindowMs}, worst ${summary.p99WorstWindowMs} ms`,
    );
    console.log(`  interpolate   p50 ${summary.interpP50Ms} ms, p99 ${summary.interpP99Ms} ms`);

    const hostile = await hostilePhase(serve, { greedy: GREEDY, indices: GREEDY_INDICES, burst: BURST });
    const rssOk = hostile.rssPeakMB <= RSS_BOUND_MB;
    const p99Ok = hostile.politeP99Ms <= POLITE_P99_BOUND_MS;
    console.log(
      `hostile: a client that never reads sent ${hostile.greedyRequests} requests of ${hostile.greedyAnswerMB} MB answers ` +
        `(it was ${hostile.greedyClosed === 'still open' ? 'paused, not closed' : `closed: ${hostile.greedyClosed}`}); ` +
        `a burst of ${hostile.burst} decodes took ${hostile.burstSeconds} s (${hostile.burstFailed} failed)`,
    );
    console.log(
      `  engine RSS    ${hostile.rssBeforeMB} MB before, peak ${hostile.rssPeakMB} MB (bound ${RSS_BOUND_MB} MB${rssOk ? '' : ', PASSED'}), ` +
        `${hostile.rssAfterLeaveMB} MB after the client left`,
    );
    console.log(
      `  page client   ${hostile.politeRequests} decodes meanwhile: p50 ${hostile.politeP50Ms} ms, p99 ${hostile.politeP99Ms} ms ` +
        `(bound ${POLITE_P99_BOUND_MS} ms${p99Ok ? '' : ', PASSED'})`,
    );
    if (JSON_OUT) console.log(JSON.stringify({ ...summary, hostile }));
    return leaked || !rssOk || !p99Ok || hostile.burstFailed > 0 ? 1 : 0;
  } finally {
    conn.close();
    await serve.kill('SIGTERM');
    rmSync(runsDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`bench:soak failed: ${errorMessage(err)}`);
    process.exit(1);
  },
);
