/**
 * `latent-explorer <command>`: the headless face of the engine. Each command lives in `src/commands/` and is
 * loaded only when asked for, so `--help` answers without loading TF.js.
 */
import { pathToFileURL } from 'node:url';
import type { Command } from './commands/command.js';
import { errorMessage } from './pure/errors.js';

const commands: Record<string, () => Promise<Command>> = {
  train: async () => (await import('./commands/train.js')).command,
  codes: async () => (await import('./commands/codes.js')).command,
  serve: async () => (await import('./commands/serve.js')).command,
  bench: async () => (await import('./commands/bench.js')).command,
  figure: async () => (await import('./commands/figure.js')).command,
  import: async () => (await import('./commands/import.js')).command,
  export: async () => (await import('./commands/export.js')).command,
  animate: async () => (await import('./commands/animate.js')).command,
  figures: async () => (await import('./commands/figures.js')).command,
  compare: async () => (await import('./commands/compare.js')).command,
  'train-classifier': async () => (await import('./commands/train-classifier.js')).command,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = ['Usage: latent-explorer <command> [options]', '', 'Commands:'];
    for (const [key, load] of Object.entries(commands)) lines.push(`  ${key.padEnd(8)} ${(await load()).summary}`);
    lines.push('', 'Run `latent-explorer <command> --help` for the options of one command.');
    console.log(lines.join('\n'));
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`latent-explorer: unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}.`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`latent-explorer: ${errorMessage(err)}`);
      process.exit(1);
    },
  );
}
