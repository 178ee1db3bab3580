/**
 * Corrupt runs are caught when listing, not only when opened (issue 18): swapped models, a changed and re-hashed
 * model file, a record whose latent size the models do not have, and models with non-finite outputs. The
 * verdict is kept per version of the files, so a second listing reads no model file at all.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRuns } from '../../../src/runs/index.js';
import { whenVerified } from '../../../src/runs/check-cache.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const root = mkdtempSync(join(tmpdir(), 'lex-corrupt-list-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type RunJson = { id: string; config: { latent: number }; checksums: Record<'encoder' | 'decoder', { model: string; weights: string }> };
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function plant(id: string, damage: (dir: string, record: RunJson) => void): void {
  const dir = join(root, id);
  cpSync(join(ROOT, 'assets', 'default-run'), dir, { recursive: true });
  const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunJson;
  record.id = id;
  damage(dir, record);
  // Re-hashed: the checksums match the damaged files, so only a real check can tell.
  record.checksums ??= {} as RunJson['checksums'];
  for (const part of ['encoder', 'decoder'] as const)
    record.checksums[part] = { model: sha(join(dir, part, 'model.json')), weights: sha(join(dir, part, 'weights.bin')) };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(record));
}

describe('listing checks runs as opening them would', () => {
  it('skips the four kinds of corrupt run with a reason, and lists the sound one', async () => {
    plant('sound', () => {});
    plant('swapped', (dir) => {
      renameSync(join(dir, 'encoder'), join(dir, 'tmp'));
      renameSync(join(dir, 'decoder'), join(dir, 'encoder'));
      renameSync(join(dir, 'tmp'), join(dir, 'decoder'));
    });
    plant('changed', (dir) => {
      const path = join(dir, 'decoder', 'model.json');
      const json = JSON.parse(readFileSync(path, 'utf8')) as { modelTopology: { config: { layers: { config: { units?: number } }[] } } };
      json.modelTopology.config.layers[1]!.config.units = 64;
      writeFileSync(path, JSON.stringify(json));
    });
    plant('latent', (_dir, record) => {
      record.config.latent = 3;
    });
    plant('non-finite', (dir) => {
      // Finite weights whose products overflow: the code of a blank image is not a number.
      const path = join(dir, 'encoder', 'weights.bin');
      const w = new Float32Array(new Uint8Array(readFileSync(path)).buffer);
      w.fill(3e38);
      writeFileSync(path, new Uint8Array(w.buffer));
    });
    await listRuns(root);
    // The deep check runs in the background; from then on listing skips what it found.
    await whenVerified();
    const { runs, skipped } = await listRuns(root);
    expect(runs.map((r) => r.id)).toEqual(['sound']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.dir.slice(root.length + 1), s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['changed', 'latent', 'non-finite', 'swapped']);
    expect(reasons.swapped).toMatch(/encoder takes|encoder gives|decoder takes/);
    expect(reasons.latent).toMatch(/latent size is 3/);
    expect(reasons['non-finite']).toMatch(/non-finite outputs/);
    expect(reasons.changed).toMatch(/models do not load/);
  });

  it('a second listing gives the same verdicts from the cache; a run whose file changed is checked again', async () => {
    const first = await listRuns(root);
    await whenVerified();
    // Break a listed run's weights without touching its size or run.json: a stale verdict would still list it.
    const weights = join(root, 'sound', 'encoder', 'weights.bin');
    const again = await listRuns(root);
    expect(again).toEqual(first);
    const bytes = readFileSync(weights);
    bytes[0] = bytes[0]! ^ 0xff;
    writeFileSync(weights, bytes);
    await listRuns(root);
    await whenVerified();
    const after = await listRuns(root);
    expect(after.runs.map((r) => r.id)).toEqual([]);
    expect(after.skipped.find((s) => s.dir.endsWith('sound'))?.reason).toMatch(/checksum/);
  });
});
