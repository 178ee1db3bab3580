/**
 * Property-based: every API request, through the host (the schemas, then the real engine session with the
 * shipped default model and a run in a temporary library), with random and mutated arguments. Each call settles
 * within a time limit as `{ok: true, value}` or `{ok: false, error}` with a typed code: never a throw, a hang,
 * or an `internal` error (an exception the engine did not expect).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES, type RequestName } from '../../../src/pure/api/api.js';
import { DEFAULT_RUN_DIR } from '../../../src/host/start.js';
import { createHost, type Host, type HostResult } from '../../../src/host/host.js';
import { createSession, type Session } from '../../../src/host/session.js';
import { currentBackend } from '../../../src/model/backend.js';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { saveRun } from '../../../src/runs/index.js';
import { createFakeEngine } from '../helpers/fake-engine.js';
import { hostileValue, mutatedObject } from './mutate.js';

const CODES = ['bad-request', 'unknown-method', 'no-model', 'busy', 'not-found'];
const CALL_LIMIT_MS = 30_000;
const tinyConfig = defaultTrainConfig('dense', { hidden: [16], latent: 2, epochs: 2, limit: 200 });

/** A valid argument per request: mutations start from these. Typed as a full record, so a new request must be added here. */
const VALID: Record<RequestName, unknown> = {
  info: undefined,
  listRuns: undefined,
  openRun: { id: 'default' },
  embedding: { runId: 'default' },
  images: { indices: new Uint32Array([0, 1, 60_000]) },
  decode: { points: new Float32Array([0, 0, 1.5, -2]) },
  encode: { image: new Uint8Array(784).fill(7) },
  reconstruct: { indices: new Uint32Array([0, 69_999]) },
  interpolate: { from: 0, to: 1, steps: 4 },
  grid: { x0: -1, x1: 1, y0: -1, y1: 1, n: 3 },
  startTraining: { config: tinyConfig },
  pauseTraining: undefined,
  resumeTraining: undefined,
  cancelTraining: undefined,
  renameRun: { id: 'r1', name: 'renamed' },
  deleteRun: { id: 'r1' },
  runConfig: { id: 'r1' },
  listCheckpoints: undefined,
  resumeRun: { id: 'r1' },
  listDatasets: undefined,
  importDataset: {
    name: 'Tiny set',
    images: new Uint8Array(4 * 784).fill(200),
    labels: new Uint8Array([0, 1, 0, 1]),
    classNames: ['a', 'b'],
  },
  kernels: { page: 0, pageSize: 8 },
  denoise: { index: 3, kind: 'dropout', level: 0.3 },
  pcaCompare: { fit: 100, points: 50, strip: 4 },
  reconstructionReport: { split: 'test', limit: 50 },
  // A graph of the wrong input size: schema-valid, refused by the engine before any dataset encoding.
  importModel: {
    name: 'Torch',
    format: 'onnx',
    files: [
      { part: 'encoder', name: 'wrong-input.onnx', bytes: new Uint8Array(readFileSync('tests/fixtures/torch/wrong-input.onnx')) },
      { part: 'decoder', name: 'decoder.onnx', bytes: new Uint8Array(readFileSync('tests/fixtures/torch/decoder.onnx')) },
    ],
  },
  importEmbeddings: { name: 'Codes', format: 'csv', fileName: 'c.csv', codes: new TextEncoder().encode('label,z1,z2\n0,1,2\n1,x,3\n') },
  exportRun: { id: 'r1' },
  importRun: { bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]) },
  runHistories: { ids: ['r1', 'default'] },
  runReplay: { id: 'r1' },
  latentCodes: { indices: new Uint32Array([0, 69_999]) },
  latentPlane: { plane: { kind: 'pca', i: 0, j: 1 } },
  decodeLatent: { codes: new Float32Array([0, 0, 1.5, -2]) },
  encodeLatent: { images: new Uint8Array(2 * 784).fill(9) },
  classCentroids: undefined,
  priorSamples: { seed: 3, count: 4 },
  latentKl: { runId: 'default' },
  transformPath: { index: 5, kind: 'rotate', amounts: [0, 30, 60] },
  classifierInfo: undefined,
  classifyCodes: { codes: new Float32Array([0, 0, 1.5, -2]) },
  inpaint: { index: 3, mask: Uint8Array.from({ length: 784 }, (_, i) => (i >= 392 ? 1 : 0)), steps: 5 },
  sensitivity: { count: 20 },
};

/**
 * Requests that start a training when valid: a random valid config can be huge, so these go through a fake engine
 * that accepts whatever the schema lets through (the schema is what is under test).
 */
const TRAINS = new Set<RequestName>(['startTraining']);

let runsDir: string;
let session: Session;
let host: Host;
let fakeHost: Host;

beforeAll(async () => {
  runsDir = mkdtempSync(join(tmpdir(), 'lex-prop-api-'));
  const ae = buildAutoencoder(tinyConfig, 1);
  await saveRun(join(runsDir, 'r1'), ae, {
    version: 1,
    id: 'r1',
    name: 'r1',
    config: tinyConfig,
    dataset: 'mnist',
    backend: 'wasm',
    history: [{ epoch: 1, loss: 0.3, testLoss: 0.3 }],
    metrics: { testLoss: 0.3, knn: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    durationMs: 1000,
    status: 'complete',
  });
  ae.dispose?.();
  session = createSession({ runsDir, defaultRunDir: DEFAULT_RUN_DIR, backend: currentBackend, version: 'test' });
  host = createHost(session);
  const fake = await createFakeEngine();
  fakeHost = createHost({ events: fake.events, handlers: { ...fake.handlers, startTraining: async () => ({ runId: 'accepted' }) } });
  expect(await host.handle('info', undefined)).toMatchObject({ ok: true });
});

afterAll(async () => {
  await session.dispose();
  rmSync(runsDir, { recursive: true, force: true });
});

/** Calls and checks the shape of the answer: settles in time, ok with a value or a typed, bounded error. */
async function check(target: Host, method: string, arg: unknown): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), CALL_LIMIT_MS)));
  const result = await Promise.race([target.handle(method, arg), timeout]).finally(() => clearTimeout(timer));
  expect(result, `${method} did not answer within ${CALL_LIMIT_MS} ms`).not.toBe('hang');
  const r = result as HostResult;
  if (r.ok) return;
  expect(CODES, `${method}(${describeArg(arg)}) -> ${r.error.code}: ${r.error.message}`).toContain(r.error.code);
  expect(typeof r.error.message).toBe('string');
  expect(r.error.message.length).toBeLessThanOrEqual(601);
}

function describeArg(arg: unknown): string {
  try {
    return (
      JSON.stringify(arg, (_k, v: unknown) => (ArrayBuffer.isView(v) ? `${v.constructor.name}(${(v as Uint8Array).length})` : v))?.slice(
        0,
        200,
      ) ?? String(arg)
    );
  } catch {
    return String(arg);
  }
}

function argsFor(name: RequestName): fc.Arbitrary<unknown> {
  const valid = VALID[name];
  const options: fc.Arbitrary<unknown>[] = [hostileValue, fc.constant(valid)];
  if (valid && typeof valid === 'object')
    options.push(mutatedObject(valid as Record<string, unknown>), mutatedObject(valid as Record<string, unknown>));
  return fc.oneof(...options);
}

describe('every API request under random and mutated arguments', () => {
  for (const name of REQUEST_NAMES) {
    it(`${name}(random or mutated argument) answers ok or a typed error, never a throw, a hang or an internal error`, async () => {
      const target = TRAINS.has(name) ? fakeHost : host;
      await fc.assert(
        fc.asyncProperty(argsFor(name), (arg) => check(target, name, arg)),
        { numRuns: 20 },
      );
    });
  }

  it('an unknown or hostile method name answers unknown-method', async () => {
    const method = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'),
    );
    await fc.assert(
      fc.asyncProperty(
        method.filter((m) => !(REQUEST_NAMES as string[]).includes(m)),
        hostileValue,
        async (m, arg) => {
          expect(await host.handle(m, arg)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
        },
      ),
      { numRuns: 60 },
    );
  });
});
