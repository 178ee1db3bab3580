import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatasetCache } from '../../../src/host/dataset-cache.js';

describe('the session dataset cache', () => {
  const runsDir = mkdtempSync(join(tmpdir(), 'dataset-cache-'));

  it('loads MNIST once for every id that means it, and again after clear', async () => {
    const cache = createDatasetCache({ runsDir });
    const first = cache.mnist();
    expect(cache.get()).toBe(first);
    expect(cache.get('mnist')).toBe(first);
    const mnist = await first;
    expect(mnist.summary).toMatchObject({ id: 'mnist', trainCount: 60_000, testCount: 10_000 });
    cache.clear();
    const again = cache.mnist();
    expect(again).not.toBe(first);
    expect((await again).summary).toEqual(mnist.summary);
  });

  it('does not keep a failed load: an unknown import fails each time with not-found', async () => {
    const cache = createDatasetCache({ runsDir });
    const first = cache.get('user:nope');
    await expect(first).rejects.toMatchObject({ code: 'not-found' });
    const second = cache.get('user:nope');
    expect(second).not.toBe(first);
    await expect(second).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lists imported datasets beside the built-in ones', async () => {
    const cache = createDatasetCache({ runsDir });
    const listed = await cache.handlers.listDatasets(undefined as never);
    expect(listed.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist']);
  });
});
