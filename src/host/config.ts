/** Where the engine keeps its runs, from the command line, the environment, or the default. */
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Environment variable naming the runs library folder. */
export const RUNS_ENV = 'LATENT_EXPLORER_RUNS';

/** The value after `--name` (or in `--name=value`), if any. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** `--runs <dir>`, else `$LATENT_EXPLORER_RUNS`, else `~/.latent-explorer/runs`; always absolute. */
export function resolveRunsDir(argv: readonly string[], env: Record<string, string | undefined>, home = homedir()): string {
  const given = argValue(argv, '--runs') ?? env[RUNS_ENV];
  return given ? resolve(given) : join(home, '.latent-explorer', 'runs');
}

/** The run id of `folder` if it is a run folder directly inside `runsDir`, else null. */
export function runIdInLibrary(runsDir: string, folder: string): string | null {
  const rel = relative(resolve(runsDir), resolve(folder));
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || dirname(rel) !== '.') return null;
  return basename(rel);
}
