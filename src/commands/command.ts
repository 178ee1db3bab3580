/** What every `latent-explorer <command>` module exports as `command`; `src/cli.ts` loads them by name. */
export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}
