/** `latent-explorer export`: a run as one `.zip`, to hand to students or colleagues (opened with `import --run`). */
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { isRunId } from '../pure/api/api.js';
import { resolveRunsDir } from '../host/config.js';
import { zipRun } from '../runs/index.js';
import { errorMessage } from '../pure/errors.js';

const help = `Usage: latent-explorer export --run <run id|run folder> --out <file.zip> [--runs <dir>]

Writes a run (trained here or imported) as one .zip file: its record and model files, checked first.
Open it elsewhere with \`latent-explorer import --run <file.zip>\` or from the app's Runs tab.

Options:
  --run <id|dir>   a run id of the runs library, or a run folder
  --out <file>     the .zip to write
  --runs <dir>     the runs library (default: $LATENT_EXPLORER_RUNS or ~/.latent-explorer/runs)`;

async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { run: { type: 'string' }, out: { type: 'string' }, runs: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
    if (!values.run) throw new Error('--run <run id|run folder> is required');
    if (!values.out?.endsWith('.zip')) throw new Error('--out <file.zip> is required');
  } catch (err) {
    console.error(`export: ${errorMessage(err)}`);
    return 2;
  }
  const runsDir = resolveRunsDir(values.runs ? ['--runs', values.runs] : [], process.env);
  const dir = isRunId(values.run) && !values.run.includes('/') && !isAbsolute(values.run) ? join(runsDir, values.run) : values.run;
  try {
    const bytes = await zipRun(dir);
    await writeFile(values.out, bytes);
    console.log(`wrote ${values.out} (${(bytes.length / 1024).toFixed(0)} KB)`);
    return 0;
  } catch (err) {
    console.error(`export: ${errorMessage(err)}`);
    return 1;
  }
}

export const command: Command = { summary: 'write a run as one .zip file', help, run };
