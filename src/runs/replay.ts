/** Reading a run's training replay (`replay.bin`); runs trained before replays existed have none. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeReplay, REPLAY_FILE, type Replay } from '../pure/latent/replay-format.js';
import { errorMessage } from '../pure/errors.js';

/** Thrown for a run without a replay, with a sentence the CLI and the page can show as is. */
export class NoReplayError extends Error {
  constructor(dir: string) {
    super(`${dir} has no training replay: it was trained before replays were recorded (retrain it to get one)`);
    this.name = 'NoReplayError';
  }
}

/** The replay of the run in `dir`. @throws NoReplayError when the run has none; Error when the file is damaged. */
export async function readReplay(dir: string): Promise<Replay> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(join(dir, REPLAY_FILE)));
  } catch {
    throw new NoReplayError(dir);
  }
  try {
    return decodeReplay(bytes);
  } catch (err) {
    throw new Error(`${dir}/${REPLAY_FILE}: ${errorMessage(err)}`, { cause: err });
  }
}

/** The replay's bytes when the run has one (a resumed training keeps recording into it), else null. */
export async function readReplayIfAny(dir: string): Promise<Replay | null> {
  try {
    return await readReplay(dir);
  } catch (err) {
    if (err instanceof NoReplayError) return null;
    throw err;
  }
}
