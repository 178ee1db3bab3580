/**
 * Float16 run weights (the shipped lesson pack): half the bytes, loaded by our loader with checksums and the
 * finiteness check, and by stock TF.js (`tf.io.decodeWeights` dequantises the manifest's float16 entries).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAutoencoder } from '../../../src/model/build.js';
import { defaultTrainConfig } from '../../../src/pure/model/presets.js';
import { encodeFloat16, fromHalfBits, toHalfBits } from '../../../src/runs/float16.js';
import { loadRun, saveRun, type RunRecord } from '../../../src/runs/index.js';

const root = mkdtempSync(join(tmpdir(), 'lex-f16-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('half-precision codec', () => {
  it('rounds to the nearest half and back, with overflow to infinity and tiny values to subnormals or zero', () => {
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(65504)).toBe(0x7bff);
    expect(toHalfBits(1e6)).toBe(0x7c00);
    expect(fromHalfBits(toHalfBits(2 ** -24))).toBe(2 ** -24);
    expect(toHalfBits(1e-9)).toBe(0);
    for (const v of [0.1, -0.3333, 3.14159, 1e-3, 1234.5])
      expect(Math.abs(fromHalfBits(toHalfBits(v)) - v) / Math.abs(v)).toBeLessThan(1e-3);
  });

  it('decodes as stock TF.js decodes float16 weights', () => {
    const values = Float32Array.from({ length: 257 }, (_, i) => Math.sin(i) * 3);
    const bytes = encodeFloat16(values);
    const decoded = tf.io.decodeWeights(bytes.buffer as ArrayBuffer, [
      { name: 'w', shape: [257], dtype: 'float32', quantization: { dtype: 'float16' } },
    ]);
    const ours = Array.from(values, (v) => fromHalfBits(toHalfBits(v)));
    expect(Array.from(decoded.w!.dataSync())).toEqual(ours);
    tf.dispose(decoded);
  });
});

describe('a run saved with float16 weights', () => {
  const config = defaultTrainConfig('dense', { hidden: [64], latent: 2 });
  const record = (id: string): RunRecord => ({
    version: 1,
    id,
    name: id,
    config,
    dataset: 'mnist',
    backend: 'cpu',
    history: [],
    metrics: { testLoss: null, knn: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    durationMs: 0,
    status: 'complete',
  });

  it('is half the size, loads with its checksums, and gives nearly the float32 codes', async () => {
    const ae = buildAutoencoder(config, 5);
    await saveRun(join(root, 'f32'), ae, record('f32'));
    await saveRun(join(root, 'f16'), ae, record('f16'), { weights: 'float16' });
    ae.dispose();
    const size = (run: string) => readFileSync(join(root, run, 'encoder', 'weights.bin')).length;
    expect(size('f16') * 2).toBe(size('f32'));
    const manifest = JSON.parse(readFileSync(join(root, 'f16', 'encoder', 'model.json'), 'utf8'));
    expect(manifest.weightsManifest[0].weights[0].quantization).toEqual({ dtype: 'float16' });
    const [a, b] = await Promise.all([loadRun(join(root, 'f32')), loadRun(join(root, 'f16'))]);
    const x = tf.randomUniform([8, 784], 0, 1, 'float32', 1);
    const za = (a.encoder.predict(x) as tf.Tensor).dataSync();
    const zb = (b.encoder.predict(x) as tf.Tensor).dataSync();
    za.forEach((v, i) => expect(Math.abs(v - zb[i]!)).toBeLessThan(1e-2 * Math.max(1, Math.abs(v))));
    for (const run of [a, b]) {
      run.encoder.dispose();
      run.decoder.dispose();
    }
    x.dispose();
  });

  it('is refused when a weight is changed (checksum) or is not finite (with the checksum gone)', async () => {
    const file = join(root, 'f16', 'decoder', 'weights.bin');
    const bytes = readFileSync(file);
    bytes[1] ^= 0x01;
    writeFileSync(file, bytes);
    await expect(loadRun(join(root, 'f16'))).rejects.toThrow(/checksum/);
    const runJson = JSON.parse(readFileSync(join(root, 'f16', 'run.json'), 'utf8'));
    delete runJson.checksums;
    writeFileSync(join(root, 'f16', 'run.json'), JSON.stringify(runJson));
    bytes[0] = 0x00;
    bytes[1] = 0x7c; // +infinity
    writeFileSync(file, bytes);
    await expect(loadRun(join(root, 'f16'))).rejects.toThrow(/not a finite number \(at 0\)/);
  });
});
