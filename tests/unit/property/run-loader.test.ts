/**
 * Property-based: the run loader meets mutated run folders (run.json, model.json, weights.bin: byte edits,
 * replaced JSON fields, cuts, NaNs) and either loads the very model that was saved or throws a RunError, leaving
 * no tensor behind. It never throws anything else and never loads a model that decodes differently.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { RunError, loadRun, saveRun, type RunRecord } from '../../../src/runs/index.js';
import { hostileValue, mutatedBytes } from './mutate.js';

const root = mkdtempSync(join(tmpdir(), 'lex-prop-runs-'));
const base = join(root, 'base');
const PROBE = new Float32Array([0.3, -1.2, 2, 0.5]);
let expected: Float32Array;
let files: Record<string, Uint8Array>;
let count = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const config = defaultTrainConfig('dense', { hidden: [16], latent: 2, epochs: 1, limit: 100 });
  const ae = buildAutoencoder(config, 3);
  const record: RunRecord = {
    version: 1,
    id: 'base',
    name: 'base',
    config,
    dataset: 'mnist',
    backend: 'wasm',
    history: [{ epoch: 1, loss: 0.2, testLoss: 0.21 }],
    metrics: { testLoss: 0.21, knn: 0.5 },
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    durationMs: 60_000,
    status: 'complete',
  };
  await saveRun(base, ae, record);
  ae.dispose?.();
  const run = await loadRun(base);
  expected = decodeProbe(run.decoder);
  run.encoder.dispose();
  run.decoder.dispose();
  files = Object.fromEntries(
    ['run.json', 'encoder/model.json', 'encoder/weights.bin', 'decoder/model.json', 'decoder/weights.bin'].map((f) => [
      f,
      new Uint8Array(readFileSync(join(base, f))),
    ]),
  );
});

function decodeProbe(decoder: tf.LayersModel): Float32Array {
  const input = tf.tensor2d(PROBE, [2, 2]);
  const out = decoder.predict(input) as tf.Tensor;
  const values = out.dataSync() as Float32Array;
  tf.dispose([input, out]);
  return values;
}

/**
 * Writes a copy of the base run with `file` replaced by `bytes`, and checks what loadRun makes of it. With
 * `checksums: false` the copy's run.json has none (as older runs and the shipped one): then a run that loads may
 * be another model (a changed activation is a valid model), but it must still load or fail with a RunError.
 */
async function loadMutated(file: string, bytes: Uint8Array | string, checksums = true): Promise<void> {
  const dir = join(root, `m${count++}`);
  cpSync(base, dir, { recursive: true });
  if (!checksums) {
    const { checksums: _, ...record } = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
  }
  writeFileSync(join(dir, file), bytes);
  const tensors = tf.memory().numTensors;
  try {
    const run = await loadRun(dir);
    // Loaded: it must be the same model (a harmless edit such as whitespace or a renamed run).
    const got = decodeProbe(run.decoder);
    run.encoder.dispose();
    run.decoder.dispose();
    if (checksums) expect(got).toEqual(expected);
    else expect(got.every(Number.isFinite)).toBe(true);
  } catch (err) {
    if (!(err instanceof RunError)) throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(tf.memory().numTensors).toBe(tensors);
}

/** run.json / model.json with one field (at any depth) replaced by a hostile value, or removed. */
function mutatedJson(file: string): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(), hostileValue, fc.boolean()).map(([pick, value, drop]) => {
    const json = JSON.parse(new TextDecoder().decode(files[file]!)) as unknown;
    const slots: [Record<string, unknown>, string][] = [];
    const walk = (node: unknown, depth: number) => {
      if (!node || typeof node !== 'object' || depth > 6) return;
      for (const key of Object.keys(node)) {
        slots.push([node as Record<string, unknown>, key]);
        walk((node as Record<string, unknown>)[key], depth + 1);
      }
    };
    walk(json, 0);
    const [holder, key] = slots[pick % slots.length]!;
    if (drop) delete holder[key];
    else holder[key] = ArrayBuffer.isView(value) ? Array.from(value as Uint8Array) : value;
    return JSON.stringify(json);
  });
}

describe('loadRun under mutated run folders', () => {
  it('loadRun(run with mutated bytes in any file) loads the saved model or throws RunError', async () => {
    const file = fc.constantFrom('run.json', 'encoder/model.json', 'encoder/weights.bin', 'decoder/model.json', 'decoder/weights.bin');
    await fc.assert(
      fc.asyncProperty(
        file.chain((f) => mutatedBytes(() => files[f]!).map((bytes) => [f, bytes] as const)),
        ([f, bytes]) => loadMutated(f, bytes),
      ),
      { numRuns: 60 },
    );
  });

  it('loadRun(run with a field of run.json or model.json replaced or removed) loads the saved model or throws RunError', async () => {
    const file = fc.constantFrom('run.json', 'encoder/model.json', 'decoder/model.json');
    await fc.assert(
      fc.asyncProperty(
        file.chain((f) => mutatedJson(f).map((text) => [f, text] as const)),
        ([f, text]) => loadMutated(f, text),
      ),
      { numRuns: 80 },
    );
  });

  it('loadRun(run without checksums, model.json mutated) loads a runnable model or throws RunError, and never hangs', async () => {
    const file = fc.constantFrom('encoder/model.json', 'decoder/model.json');
    const edit = fc.oneof(
      file.chain((f) => mutatedJson(f).map((text) => [f, text] as const)),
      file.chain((f) => mutatedBytes(() => files[f]!).map((bytes) => [f, bytes] as const)),
    );
    await fc.assert(
      fc.asyncProperty(edit, ([f, content]) => loadMutated(f, content, false)),
      { numRuns: 120 },
    );
  });

  it('loadRun refuses weights with a NaN, a model.json pointing elsewhere, a hostile topology, and a latent size that disagrees', async () => {
    const weights = new Float32Array(files['decoder/weights.bin']!.slice().buffer);
    weights[5] = NaN;
    await expect(loadRunWith('decoder/weights.bin', new Uint8Array(weights.buffer))).rejects.toThrow(RunError);
    const model = JSON.parse(new TextDecoder().decode(files['encoder/model.json']!)) as { weightsManifest: { paths: string[] }[] };
    model.weightsManifest[0]!.paths = ['../decoder/weights.bin'];
    await expect(loadRunWith('encoder/model.json', JSON.stringify(model))).rejects.toThrow(/single-file float32 layers model/);
    // Found by this property: a node reference replaced by a number made TF.js loop for ever; huge layers exhaust memory.
    const topo = JSON.parse(new TextDecoder().decode(files['decoder/model.json']!)) as {
      modelTopology: { config: { layers: { config: Record<string, unknown>; inbound_nodes: unknown[][] }[] } };
    };
    const layers = topo.modelTopology.config.layers;
    layers[2]!.inbound_nodes[0]![0] = 7.121886229317741e270;
    await expect(loadRunWith('decoder/model.json', JSON.stringify(topo))).rejects.toThrow(/does not build/);
    layers[2]!.inbound_nodes = JSON.parse(
      new TextDecoder().decode(files['decoder/model.json']!),
    ).modelTopology.config.layers[2].inbound_nodes;
    layers[1]!.config.units = 1e9;
    await expect(loadRunWith('decoder/model.json', JSON.stringify(topo))).rejects.toThrow(/units = 1000000000 is not a size/);
    const record = JSON.parse(new TextDecoder().decode(files['run.json']!)) as { config: { latent: number }; checksums?: unknown };
    delete record.checksums;
    record.config.latent = 3;
    await expect(loadRunWith('run.json', JSON.stringify(record))).rejects.toThrow(/latent size is 3/);
    const bad = JSON.parse(new TextDecoder().decode(files['decoder/model.json']!)) as {
      modelTopology: { config: { layers: { config: Record<string, unknown> }[] } };
    };
    bad.modelTopology.config.layers[0]!.config.dtype = -1;
    await expect(loadRunWith('decoder/model.json', JSON.stringify(bad))).rejects.toThrow(/dtype/);
  });

  it('loadRun refuses a run whose model.json or weights.bin changed after saving (checksums in run.json)', async () => {
    const model = JSON.parse(new TextDecoder().decode(files['decoder/model.json']!)) as {
      modelTopology: { config: { layers: { config: Record<string, unknown> }[] } };
    };
    model.modelTopology.config.layers[1]!.config.activation = 'tanh';
    await expect(loadMutatedStrict('decoder/model.json', JSON.stringify(model))).rejects.toThrow(/model.json.*checksum/);
    const weights = new Float32Array(files['encoder/weights.bin']!.slice().buffer);
    weights[0] = weights[0]! + 0.5;
    await expect(loadMutatedStrict('encoder/weights.bin', new Uint8Array(weights.buffer))).rejects.toThrow(
      /weights.bin does not match the checksum/,
    );
  });
});

/** Loads a copy of the base run (checksums kept) with `file` replaced. */
async function loadMutatedStrict(file: string, bytes: Uint8Array | string): Promise<void> {
  const dir = join(root, `s${count++}`);
  cpSync(base, dir, { recursive: true });
  writeFileSync(join(dir, file), bytes);
  try {
    const run = await loadRun(dir);
    run.encoder.dispose();
    run.decoder.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Loads a copy of the base run with `file` replaced. Its run.json loses its checksums first (as runs saved before
 * checksums existed, or the shipped default run), so what is tested is the structural checks behind them.
 */
async function loadRunWith(file: string, bytes: Uint8Array | string): Promise<void> {
  const dir = join(root, `x${count++}`);
  cpSync(base, dir, { recursive: true });
  const { checksums: _, ...record } = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
  writeFileSync(join(dir, file), bytes);
  try {
    const run = await loadRun(dir);
    run.encoder.dispose();
    run.decoder.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
