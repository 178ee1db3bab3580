/**
 * The bundled engine host (`engine-host.cjs`), run in a plain Node child with a stand-in `process.parentPort`:
 * the bundle loads (tfjs, the wasm backend, MNIST found from the bundle's folder) and serves a port.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { buildElectron } from '../../../scripts/build.mjs';

// The bundle must sit two levels under the app root, as dist/electron does, to find package.json and assets/.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const outdir = join(ROOT, 'dist', 'test-electron');

const DRIVER = `
const { EventEmitter } = require('node:events');
const parent = new EventEmitter();
parent.postMessage = () => {};
process.parentPort = parent;
require(process.argv[2]);
const port = new EventEmitter();
const answers = [];
port.start = () => {};
port.postMessage = (m) => {
  answers.push(m);
  if (answers.length === 3) {
    console.log(JSON.stringify(answers));
    process.exit(0);
  }
};
// Messages to a real parentPort wait for a listener; this stand-in does not, so give the host time to start.
setTimeout(() => {
  parent.emit('message', { data: { type: 'connect' }, ports: [port] });
  port.emit('message', { data: { kind: 'request', id: 1, method: 'info' } });
  port.emit('message', { data: 42 });
  port.emit('message', { data: { kind: 'request', id: 2, method: 'decode', arg: { points: new Float32Array([NaN, 1]) } } });
}, 1500);
`;

/** Opens the default run and asks for its embedding: the bundled encode worker shares the encoding. */
const EMBEDDING_DRIVER = `
const { EventEmitter } = require('node:events');
const parent = new EventEmitter();
parent.postMessage = () => {};
process.parentPort = parent;
require(process.argv[2]);
const port = new EventEmitter();
port.start = () => {};
port.postMessage = (m) => {
  if (m.kind !== 'response') return;
  console.log(JSON.stringify({ ok: m.ok, points: m.ok ? m.value.x.length : m.error }));
  process.exit(0);
};
setTimeout(() => {
  parent.emit('message', { data: { type: 'connect' }, ports: [port] });
  port.emit('message', { data: { kind: 'request', id: 1, method: 'embedding', arg: {} } });
}, 1500);
`;

beforeAll(async () => {
  await buildElectron(outdir);
});

describe('engine-host bundle', () => {
  it('starts in a utility-like process and answers requests, malformed messages and bad arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-eh-'));
    const driver = join(dir, 'driver.cjs');
    writeFileSync(driver, DRIVER);
    const out = execFileSync(
      process.execPath,
      [driver, join(outdir, 'engine-host.cjs'), '--runs', join(dir, 'runs'), '--backend', 'wasm'],
      {
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    const answers = JSON.parse(out.trim().split('\n').at(-1)!) as {
      id: number;
      ok: boolean;
      value?: { dataset: { trainCount: number }; backend: string };
      error?: { code: string; message: string };
    }[];
    const byId = (id: number) => answers.find((a) => a.id === id)!;
    expect(byId(0)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/malformed message/) } });
    expect(byId(2)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/finite/) } });
    expect(byId(1)).toMatchObject({ ok: true, value: { backend: 'wasm', dataset: { trainCount: 60_000 } } });
  });

  it('encodes the default run on two cores: the bundled encode worker starts beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-eh-'));
    const driver = join(dir, 'driver.cjs');
    writeFileSync(driver, EMBEDDING_DRIVER);
    const child = spawnSync(process.execPath, [driver, join(outdir, 'engine-host.cjs'), '--runs', join(dir, 'runs'), '--backend', 'wasm'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual({ ok: true, points: 70_000 });
    // The host says why whenever it encodes on one thread; here the worker must have started.
    expect(child.stderr).not.toMatch(/encoding on one thread/);
  });
});
