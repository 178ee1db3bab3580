/** `latent-explorer serve`: the app in any browser, from 127.0.0.1, with the engine in this process. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { stat } from 'node:fs/promises';
import { argValue, resolveRunsDir } from '../host/config.js';
import { startEngineHost } from '../host/start.js';
import { startServer } from '../serve/server.js';

const DEFAULT_PORT = 5175;
const STATIC_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export const command: Command = {
  summary: 'serve the app to a browser on 127.0.0.1 (the engine runs here)',
  help: `Usage: latent-explorer serve [--port <n>] [--runs <dir>] [--backend tfjs-node|wasm|cpu]

Serves the built renderer (dist/renderer; \`npm run serve\` builds it first) and the engine API over a
WebSocket, on 127.0.0.1 only. Prints the page's URL, which carries a per-launch token: only a page opened
from that URL can drive the engine.

Options:
  --port <n>       TCP port (default ${DEFAULT_PORT}; 0 picks a free one)
  --runs <dir>     runs library (default $LATENT_EXPLORER_RUNS, else ~/.latent-explorer/runs)
  --backend <b>    TF.js backend to try first (default: tfjs-node, then wasm, then cpu)`,

  async run(argv) {
    const portText = argValue(argv, '--port') ?? String(DEFAULT_PORT);
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      console.error(`serve: --port must be an integer in 0..65535, got '${portText}'`);
      return 2;
    }
    if (!existsSync(`${STATIC_DIR}/index.html`)) {
      console.error(
        `serve: the renderer is not built (${STATIC_DIR} has no index.html). Run \`npm run serve\`, or \`node scripts/build.mjs renderer\` first.`,
      );
      return 1;
    }
    const runsDir = resolveRunsDir(argv, process.env);
    const runsInfo = await stat(runsDir).catch(() => null);
    if (runsInfo && !runsInfo.isDirectory()) {
      console.error(`serve: --runs ${runsDir} is not a folder; give the runs library folder (it is created when absent)`);
      return 2;
    }
    const engine = await startEngineHost(argv);
    let server;
    try {
      server = await startServer({ host: engine.host, staticDir: STATIC_DIR, port });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      console.error(
        code === 'EADDRINUSE' ? `serve: port ${port} is in use; pick another with --port <n> (0: any free port)` : `serve: ${String(err)}`,
      );
      await engine.session.dispose();
      return 1;
    }
    console.log(`latent-explorer ${engine.backend} backend, runs in ${engine.runsDir}`);
    console.log(`serving ${server.url}`);
    console.log('Open that URL in a browser. Ctrl+C stops the server.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    // No session.dispose(): that cancels a training and drops its run. Exiting instead keeps the last epoch's
    // checkpoint in the library, to be resumed, as after a crash.
    return 0;
  },
};
