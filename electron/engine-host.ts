/**
 * Entry of the engine utility process (bundled to `engine-host.cjs`). Main sends `{type: 'connect'}` with a
 * MessagePortMain for each page load; every port gets its own endpoint on the one engine host.
 */
import type { MessagePortMain } from 'electron';
import { connectEndpoint } from '../src/host/endpoint.js';
import { startEngineHost } from '../src/host/start.js';
import { TRAIN_WORKER_ENV } from '../src/workers/train/client.js';
import { ENCODE_WORKER_ENV } from '../src/workers/encode/pool.js';
import { encodeWorkerPath, trainWorkerPath } from './paths.js';
import { trainWorkerEntry } from './worker-path.js';
import { parseEnvelope } from '../src/pure/api/wire.js';
import { errorMessage } from '../src/pure/errors.js';

async function main(): Promise<void> {
  // The worker threads are bundled beside this file; the TypeScript bootstraps the sources default to are not shipped,
  // and an installed app ignores an inherited override (see worker-path.ts).
  const { host } = await startEngineHost(process.argv.slice(2), {
    ...process.env,
    [TRAIN_WORKER_ENV]: trainWorkerEntry(process.env, trainWorkerPath),
    [ENCODE_WORKER_ENV]: trainWorkerEntry(process.env, encodeWorkerPath, ENCODE_WORKER_ENV),
  });
  process.parentPort.on('message', (event) => {
    const data = event.data as { type?: unknown } | null;
    const port = event.ports[0];
    if (data?.type === 'connect' && port) attach(port);
  });

  function attach(port: MessagePortMain): void {
    const endpoint = connectEndpoint(host, (message) => port.postMessage(message));
    port.on('message', (event) => {
      try {
        endpoint.receive(parseEnvelope(event.data));
      } catch (err) {
        const message = errorMessage(err);
        port.postMessage({ kind: 'response', id: 0, ok: false, error: { code: 'bad-request', message: `malformed message: ${message}` } });
      }
    });
    port.on('close', () => endpoint.close());
    port.start();
  }
}

main().catch((err: unknown) => {
  console.error('latent-explorer engine:', err);
  process.exit(1);
});
