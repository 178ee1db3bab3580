/**
 * Child process of `bench:soak`'s hostile phase: connects to the engine at the page URL given and fires
 * `<n>` decode requests at once, then prints one JSON line `{ seconds, failed, p99Ms }`. In its own process so
 * that encoding 5,000 frames and decoding their answers does not stall the measuring client's event loop.
 * Usage: node --import tsx tests/bench/soak-burst.ts <page url> <n>
 */
import { quantile } from '../../src/bench/stats.js';
import { connectApi } from '../helpers/serve-process.js';

const [url, count] = [process.argv[2]!, Number(process.argv[3] ?? 5000)];
const conn = await connectApi(url);
const t0 = performance.now();
const latencies: number[] = [];
const results = await Promise.allSettled(
  Array.from({ length: count }, async (_, i) => {
    const s = performance.now();
    await conn.api.decode({ points: Float32Array.of((i % 50) / 10 - 2.5, 0.5) });
    latencies.push(performance.now() - s);
  }),
);
const seconds = (performance.now() - t0) / 1000;
conn.close();
console.log(
  JSON.stringify({
    seconds: Math.round(seconds * 10) / 10,
    failed: results.filter((r) => r.status === 'rejected').length,
    p99Ms: Math.round(quantile(latencies, 0.99)),
  }),
);
process.exit(0);
