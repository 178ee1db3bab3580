/**
 * Starting the engine host in a process of its own (Electron's utility process) or inside `serve`: choose the
 * backend, open the session, wrap it in the validating host.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BackendName } from '../pure/api/api.js';
import { backendNote, currentBackend, initBackend } from '../model/backend.js';
import { recoverRuns } from '../runs/index.js';
import { argValue, resolveRunsDir } from './config.js';
import { createHost, type Host } from './host.js';
import { createSession, type Session } from './session.js';
import { TRAIN_WORKER_ENV } from '../workers/train/client.js';
import { ENCODE_WORKER_ENV } from '../workers/encode/pool.js';
import { threadCount, TRAIN_THREADS_ENV } from '../workers/parallel/stepper.js';
import { errorMessage } from '../pure/errors.js';

// Both src/host/ and the bundle's dist/electron/ sit two levels under the app root.
const appRoot = new URL('../../', import.meta.url);

/** The shipped default model, `assets/default-run/`. */
export const DEFAULT_RUN_DIR = fileURLToPath(new URL('assets/default-run', appRoot));

export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('package.json', appRoot), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export interface EngineHost {
  host: Host;
  session: Session;
  backend: BackendName;
  runsDir: string;
}

/**
 * Options: `--runs <dir>` (else `$LATENT_EXPLORER_RUNS`, else `~/.latent-explorer/runs`),
 * `--default-run <dir>`, `--lessons <dir>` (the lesson pack; default `lessons/` beside the default run), `--backend tfjs-node|wasm|cpu` (the one to try first), `--train-worker <file>` (the
 * training worker's entry; else `$LATENT_EXPLORER_TRAIN_WORKER`, else the TypeScript bootstrap beside the sources),
 * `--encode-worker <file>` (likewise, `$LATENT_EXPLORER_ENCODE_WORKER`), `--train-threads <n>` (else
 * `$LATENT_EXPLORER_TRAIN_THREADS`, else all cores: `trainThreads`).
 */
export async function startEngineHost(argv: readonly string[], env: Record<string, string | undefined> = process.env): Promise<EngineHost> {
  const prefer = argValue(argv, '--backend') as BackendName | undefined;
  const backend = await initBackend({
    prefer,
    // Falling back from tfjs-node is the normal case where it is not installed: only a requested backend is worth a word.
    onFallback: (name, reason) => name === prefer && console.error(`latent-explorer: backend ${name} unavailable (${reason})`),
  });
  const runsDir = resolveRunsDir(argv, env);
  // Before anything lists or trains: a save or delete the last engine did not finish is completed or undone.
  const recovery = await recoverRuns(runsDir).catch((err: unknown) => {
    console.error(`latent-explorer: could not check the runs library for interrupted saves: ${errorMessage(err)}`);
    return null;
  });
  if (recovery?.restored.length)
    console.error(`latent-explorer: recovered runs whose save was interrupted: ${recovery.restored.join(', ')}`);
  const session = createSession({
    runsDir,
    defaultRunDir: argValue(argv, '--default-run') ?? DEFAULT_RUN_DIR,
    lessonsDir: argValue(argv, '--lessons'),
    backend: currentBackend,
    backendNote,
    version: appVersion(),
    trainWorker: argValue(argv, '--train-worker') ?? env[TRAIN_WORKER_ENV],
    encodeWorker: argValue(argv, '--encode-worker') ?? env[ENCODE_WORKER_ENV],
    trainThreads: threadCount(argValue(argv, '--train-threads') ?? env[TRAIN_THREADS_ENV]),
  });
  return { host: createHost(session), session, backend, runsDir };
}
