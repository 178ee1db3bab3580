import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../../renderer/lib/explorer/latest-only.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('LatestOnly', () => {
  it('keeps one request in flight and then sends only the newest pushed argument', async () => {
    const sent: number[] = [];
    const results: number[] = [];
    const waits: { resolve: (v: number) => void }[] = [];
    const lo = new LatestOnly<number, number>(
      (n) => {
        sent.push(n);
        const d = deferred<number>();
        waits.push(d);
        return d.promise;
      },
      (r) => results.push(r),
    );
    lo.push(1);
    lo.push(2);
    lo.push(3);
    lo.push(4);
    expect(sent).toEqual([1]);
    waits[0].resolve(10);
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual([1, 4]);
    waits[1].resolve(40);
    await new Promise((r) => setTimeout(r, 0));
    expect(results).toEqual([10, 40]);
    expect(lo.busy).toBe(false);
  });

  it('reports a failed request and still sends the next one', async () => {
    const errors: unknown[] = [];
    const results: string[] = [];
    const lo = new LatestOnly<string, string>(
      (s) => (s === 'bad' ? Promise.reject(new Error('nope')) : Promise.resolve(s.toUpperCase())),
      (r) => results.push(r),
      (e) => errors.push(e),
    );
    lo.push('bad');
    lo.push('ok');
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(errors.length).toBe(1);
    expect(results).toEqual(['OK']);
  });
});
