import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, IMAGE_PIXELS, REQUEST_NAMES, listenerName } from '../../../src/pure/api/api.js';
import { loadMnist } from '../../../src/data/mnist.js';
import { connectEndpoint } from '../../../src/host/endpoint.js';
import { createHost, type Host } from '../../../src/host/host.js';
import { createApiClient } from '../../../src/pure/api/rpc-client.js';
import type { Message } from '../../../src/pure/api/wire.js';
import { createFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';

let engine: FakeEngine;
let host: Host;

beforeAll(async () => {
  engine = await createFakeEngine();
  host = createHost(engine);
});

describe('createHost(engine).handle', () => {
  it('answers a valid decode with one 784-byte image per point', async () => {
    const mnist = await loadMnist();
    const result = await host.handle('decode', { points: new Float32Array([3, 0, 8, 0]) });
    expect(result.ok).toBe(true);
    const images = (result as { value: { images: Uint8Array } }).value.images;
    expect(images.length).toBe(2 * IMAGE_PIXELS);
    expect(images.subarray(0, IMAGE_PIXELS)).toEqual(new Uint8Array(mnist.test.images.subarray(3 * IMAGE_PIXELS, 4 * IMAGE_PIXELS)));
  });

  it('refuses an unknown method, including prototype names, with unknown-method', async () => {
    for (const method of ['explode', '__proto__', 'toString', 'constructor']) {
      const result = await host.handle(method, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('refuses wrong argument types with a bad-request naming the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['decode', { points: [1, 2] }, /decode: points/],
      ['decode', 'points', /decode/],
      ['images', { indices: new Float32Array([1]) }, /images: indices/],
      ['grid', { x0: 0, x1: 1, y0: 0, y1: '1', n: 5 }, /grid: y1/],
      ['interpolate', { from: -1, to: 2, steps: 10 }, /interpolate: from/],
      ['info', { surprise: true }, /info/],
      ['openRun', { id: 'x', extra: 1 }, /openRun/],
    ];
    for (const [method, arg, message] of cases) {
      const result = await host.handle(method, arg);
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect((result as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it('refuses a NaN coordinate in decode and in grid', async () => {
    const decode = await host.handle('decode', { points: new Float32Array([0.5, NaN]) });
    expect(decode).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/finite/) } });
    const grid = await host.handle('grid', { x0: NaN, x1: 1, y0: 0, y1: 1, n: 5 });
    expect(grid).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses a 10^7-point decode with a short message and never calls the engine', async () => {
    const before = engine.calls.length;
    const result = await host.handle('decode', { points: new Float32Array(2e7) });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/at most 10000 points/) } });
    expect((result as { error: { message: string } }).error.message.length).toBeLessThan(700);
    expect(engine.calls.length).toBe(before);
  });

  it('passes ApiError codes through and turns other throws into internal errors', async () => {
    expect(await host.handle('openRun', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const crash = await host.handle('startTraining', { config: validConfig() });
    expect(crash).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/disk on fire/) } });
    expect(await host.handle('info', undefined)).toMatchObject({ ok: true });
  });
});

describe('connectEndpoint + createApiClient', () => {
  it('give every request name a method and every event an onDid listener on the client', () => {
    const client = createApiClient(() => {});
    for (const name of REQUEST_NAMES) expect(typeof client.api[name]).toBe('function');
    for (const name of EVENT_NAMES) expect(typeof client.api[listenerName(name)]).toBe('function');
  });

  it('carry requests, errors and events between a client and the host', async () => {
    let endpoint: ReturnType<typeof connectEndpoint> | null = null;
    const client = createApiClient((m: Message) => queueMicrotask(() => endpoint!.receive(m)));
    endpoint = connectEndpoint(host, (m) => client.receive(m));
    const info = await client.api.info();
    expect(info.dataset.trainCount).toBe(60_000);
    await expect(client.api.decode({ points: new Float32Array([NaN, 0]) })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'bad-request',
    });
    const seen: number[] = [];
    const off = client.api.onDidTrainProgress((p) => seen.push(p.batch));
    engine.events.emit('trainProgress', {
      runId: 'r',
      kind: 'batch',
      epoch: 1,
      epochs: 1,
      batch: 4,
      batches: 9,
      loss: 0.1,
      samplesPerSec: 1,
      etaSec: 1,
    });
    off();
    engine.events.emit('trainProgress', {
      runId: 'r',
      kind: 'batch',
      epoch: 1,
      epochs: 1,
      batch: 5,
      batches: 9,
      loss: 0.1,
      samplesPerSec: 1,
      etaSec: 1,
    });
    expect(seen).toEqual([4]);
    endpoint.close();
  });

  it('failPending rejects requests whose link dropped', async () => {
    const client = createApiClient(() => {});
    const call = client.api.info();
    client.failPending('engine restarted');
    await expect(call).rejects.toThrow(/engine restarted/);
    expect(client.pending).toBe(0);
  });
});

function validConfig() {
  return {
    arch: 'dense' as const,
    latent: 2,
    hidden: [32],
    filters: [],
    activation: 'relu' as const,
    loss: 'bce' as const,
    noise: { kind: 'dropout' as const, level: 0 },
    beta: 1,
    contraction: 0,
    learningRate: 0.001,
    batchSize: 64,
    epochs: 1,
    seed: 1,
  };
}
