/**
 * Writing run folders atomically: everything goes into `<dir>.tmp-<random>` first, and only a complete folder
 * is renamed into place, so a crash never leaves a half-written run under a run's name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { syncDir, writeFileDurable } from './durable.js';
import type { Autoencoder } from '../model/types.js';
import { LOGVAR_DIR, MODEL_JSON, WEIGHTS_BIN, fileDigest, saveModelFiles, type WeightStorage } from './model-files.js';
import { OLD_MARK, TMP_MARK } from './marks.js';
import { runRecordSchema, type RunRecord } from './record.js';
import { STATE_DIR, saveTrainState, type TrainStateExtras } from './state.js';

export const RUN_JSON = 'run.json';
export { OLD_MARK, TMP_MARK };

export interface SaveRunOptions {
  /** Also save the full trainable state for resuming (default: for checkpoints only). */
  state?: boolean;
  /** Extra files written into the folder by name (e.g. the training replay), saved with it atomically. */
  files?: Readonly<Record<string, Uint8Array>>;
  /** Optimizer and noise state to keep with it (see src/runs/state.ts), so a resume is exact. */
  extras?: TrainStateExtras;
  /** How the encoder's and decoder's weights are stored (default float32; float16 for shipped models). */
  weights?: WeightStorage;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Replaces `dir` with the complete folder `ready` (same parent): the old folder is moved aside, the new one
 * renamed in, then the old one deleted. A crash between the renames is repaired by `recoverRuns` at next start.
 */
export async function replaceDir(ready: string, dir: string): Promise<void> {
  if (await exists(dir)) {
    const old = `${dir}${OLD_MARK}${randomBytes(4).toString('hex')}`;
    await rename(dir, old);
    await rename(ready, dir);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(ready, dir);
  }
}

/**
 * Saves a trained (or checkpointed) autoencoder as a run folder: `encoder/` and `decoder/` (TF.js
 * `model.json` + `weights.bin`), a VAE's variance head in `logvar/`, `run.json`, and for checkpoints `state/`. Replaces an existing run at `dir`.
 * @throws ZodError when `record` is not a valid run record (nothing is written then).
 */
export async function saveRun(dir: string, ae: Autoencoder, record: RunRecord, opts: SaveRunOptions = {}): Promise<void> {
  const valid = runRecordSchema.parse(record);
  const tmp = `${dir}${TMP_MARK}${randomBytes(4).toString('hex')}`;
  try {
    ae.sync();
    const parts = [['encoder', ae.encoder], ['decoder', ae.decoder], ...(ae.logVar ? [[LOGVAR_DIR, ae.logVar] as const] : [])] as const;
    await mkdir(tmp, { recursive: true });
    for (const [part, model] of parts) {
      await mkdir(join(tmp, part));
      await saveModelFiles(model, join(tmp, part), opts.weights);
    }
    const digests = async (part: string) => ({
      model: fileDigest(await readFile(join(tmp, part, MODEL_JSON))),
      weights: fileDigest(await readFile(join(tmp, part, WEIGHTS_BIN))),
    });
    const checksums = { encoder: await digests('encoder'), decoder: await digests('decoder') };
    const withDigests: RunRecord = { ...valid, checksums: ae.logVar ? { ...checksums, logvar: await digests(LOGVAR_DIR) } : checksums };
    if (opts.state ?? valid.status === 'checkpoint') {
      await mkdir(join(tmp, STATE_DIR));
      await saveTrainState(ae, join(tmp, STATE_DIR), opts.extras ?? (ae.noise ? { random: ae.noise.state } : {}));
    }
    for (const [name, bytes] of Object.entries(opts.files ?? {})) {
      if (!/^[\w.-]+$/.test(name) || name === RUN_JSON) throw new Error(`saveRun: '${name}' is not a plain extra file name`);
      await writeFileDurable(join(tmp, name), bytes);
    }
    // run.json last: a folder with a valid run.json has everything else.
    await writeFileDurable(join(tmp, RUN_JSON), JSON.stringify(withDigests, null, 2) + '\n');
    for (const sub of [...parts.map(([part]) => part), ...((opts.state ?? valid.status === 'checkpoint') ? [STATE_DIR] : [])])
      await syncDir(join(tmp, sub));
    await syncDir(tmp);
    await replaceDir(tmp, dir);
    // The renames live in the parent folder's entries.
    await syncDir(dirname(dir));
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
