/**
 * Serve mode as a child process for the crash tests and the soak benchmark: `node --import tsx src/cli.ts serve`
 * (one process, so a SIGKILL hits the engine itself), and a Node WebSocket client of its API, built on the same
 * `createApiClient` the page uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { ExplorerApi } from '../../src/pure/api/api.js';
import { createApiClient } from '../../src/pure/api/rpc-client.js';
import { decodeFrame, encodeFrame } from '../../src/pure/api/wire.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServeChild {
  /** The page URL with its token. */
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends `signal` (default SIGKILL: no handler runs) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts serve mode on a free port with `runsDir` as its library; resolves once it printed its URL. */
export async function spawnServe(opts: { runsDir: string; nodeArgs?: string[]; timeoutMs?: number }): Promise<ServeChild> {
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--runs', opts.runsDir, '--backend', 'wasm'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${out}`)), opts.timeoutMs ?? 120_000);
    const check = () => {
      const m = /^serving (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited before printing its URL:\n${out}`));
    });
  }).catch(async (err: unknown) => {
    await kill();
    throw err;
  });
  return { url, child, output: () => out, kill };
}

export interface ApiConnection {
  api: ExplorerApi;
  ws: WebSocket;
  close(): void;
}

/** Connects to the page's API as the page does: its own Origin and the token from its URL. */
export async function connectApi(pageUrl: string): Promise<ApiConnection> {
  const url = new URL(pageUrl);
  const ws = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, { origin: url.origin });
  ws.binaryType = 'arraybuffer';
  const client = createApiClient((m) => ws.send(encodeFrame(m)));
  ws.on('message', (data: ArrayBuffer) => client.receive(decodeFrame(data)));
  ws.on('close', () => client.failPending('the engine connection closed'));
  ws.on('error', () => {});
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  return { api: client.api, ws, close: () => ws.close() };
}
