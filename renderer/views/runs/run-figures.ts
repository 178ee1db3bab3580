/**
 * The Runs tab's figures: runs compared (loss curves overlaid, the same digits reconstructed by each run), a
 * run's training replay as animation frames, and every figure of a run in one zip (PNG stills, GIF animations and
 * an index.html with captions and the CLI commands that remake them). Figures come from the project's pure figure
 * and frame functions; this module only gathers their data through the API. No DOM: rasterising is passed in.
 */
import { zipSync } from 'fflate';
import type { DatasetSummary, ExplorerApi, ReplayData, RunHistory } from '../../../src/pure/api/api.js';
import { renderInterpolationFrameSvg, renderReplayFrameSvg } from '../../../src/pure/anim/frames.js';
import { frameTimes } from '../../../src/pure/anim/sequence.js';
import { renderLossCompareSvg, renderReconstructionCompareSvg } from '../../../src/pure/figures/compare.js';
import { renderGridSvg } from '../../../src/pure/figures/grid.js';
import { renderInterpolationSvg } from '../../../src/pure/figures/interpolation.js';
import { renderLossSvg } from '../../../src/pure/figures/loss.js';
import { renderReconstructionsSvg } from '../../../src/pure/figures/reconstructions.js';
import { renderScatterSvg } from '../../../src/pure/figures/scatter.js';
import { SIZES, type FigureSize } from '../../../src/pure/figures/style.js';
import { esc } from '../../../src/pure/figures/svg.js';

/** Test images shown in the reconstruction figures. */
export const COMPARE_DIGITS = 10;

export interface CompareData {
  histories: RunHistory[];
  originals: Uint8Array;
  rows: { name: string; reconstructions: Uint8Array }[];
  labels: Uint8Array;
}

/** Indices (in the engine's train-then-test numbering) of the first `count` test images. */
export function firstTestIndices(dataset: DatasetSummary, count = COMPARE_DIGITS): Uint32Array<ArrayBuffer> {
  return Uint32Array.from({ length: Math.min(count, dataset.testCount) }, (_, i) => dataset.trainCount + i);
}

/** Everything the two comparison figures need for the selected runs. */
export async function loadCompareData(api: ExplorerApi, ids: readonly string[], dataset: DatasetSummary): Promise<CompareData> {
  const indices = firstTestIndices(dataset);
  const histories = await api.runHistories({ ids: [...ids] });
  const originals = (await api.images({ indices })).images;
  const rows = [];
  for (const [k, id] of ids.entries())
    rows.push({ name: histories[k]!.name, reconstructions: (await api.reconstruct({ indices, runId: id })).images });
  const embedding = await api.embedding();
  const labels = Uint8Array.from(indices, (i) => embedding.labels[i] ?? 0);
  return { histories, originals, rows, labels };
}

export function lossCompareFigure(data: CompareData, labels: { yLabel: string; xLabel: string }): string {
  return renderLossCompareSvg(
    data.histories.map((h) => ({ name: h.name, history: h.history })),
    { yLabel: labels.yLabel, xLabel: labels.xLabel },
  );
}

export function reconstructionCompareFigure(data: CompareData, originalLabel: string): string {
  return renderReconstructionCompareSvg({ originals: data.originals, runs: data.rows, labels: data.labels }, { originalLabel });
}

/** The replay as frames of the frame function: one per recorded epoch. */
export function replayFrames(
  replay: ReplayData,
  size: FigureSize,
  classNames?: readonly string[],
  words: { epoch: string; lossPerPixel: string } = { epoch: 'epoch', lossPerPixel: 'loss per pixel' },
) {
  const n = replay.labels.length;
  const data = {
    epochs: replay.recorded,
    codes: replay.recorded.map((_, k) => replay.xy.subarray(k * n * 2, (k + 1) * n * 2)),
    labels: replay.labels,
    classNames,
    history: replay.history,
    totalEpochs: Math.max(replay.epochs, ...replay.recorded),
    lossLabel: `${replay.loss.toUpperCase()} ${words.lossPerPixel}`,
    epochLabel: words.epoch,
    ...(replay.projected ? { xLabel: 'PC 1', yLabel: 'PC 2' } : replay.latent === 1 ? { yLabel: null } : {}),
  };
  return { count: replay.recorded.length, frame: (k: number) => renderReplayFrameSvg(data, k, { size }) };
}

export interface ZipTools {
  /** SVG to PNG bytes at the given scale. */
  png(svg: string, width: number, height: number, scale: 1 | 2 | 4): Promise<Uint8Array>;
  /** Frames to GIF bytes. */
  gif(source: { count: number; frame(k: number): string }, width: number, height: number): Promise<Uint8Array>;
}

interface Entry {
  file: string;
  caption: string;
  command: string;
}

/** Every figure of run `id` in one zip, under a folder named after the run, with its index.html. */
export async function runFiguresZip(
  api: ExplorerApi,
  id: string,
  dataset: DatasetSummary,
  tools: ZipTools,
): Promise<{ zip: Uint8Array; folder: string }> {
  const [h] = await api.runHistories({ ids: [id] });
  const folder = `figures-${id}`;
  const files: Record<string, Uint8Array> = {};
  const entries: Entry[] = [];
  const { width, height } = SIZES['16:9'];
  const still = async (file: string, svg: string, caption: string, command: string) => {
    files[`${folder}/${file}`] = await tools.png(svg, width, height, 2);
    entries.push({ file, caption, command: `latent-explorer ${command} --run <run dir> --scale 2 --out ${file}` });
  };
  const embedding = await api.embedding({ runId: id });
  const test = { start: embedding.trainCount, end: embedding.labels.length };
  const x = embedding.x.subarray(test.start, test.end);
  const y = embedding.y.subarray(test.start, test.end);
  const axis = embedding.projected ? { xLabel: 'PC 1', yLabel: 'PC 2' } : { xLabel: 'z_1', yLabel: 'z_2' };
  await still(
    'scatter.png',
    renderScatterSvg({ x, y, labels: embedding.labels.subarray(test.start, test.end), classNames: dataset.classNames }, axis),
    'The test set in the latent plane, one dot per image coloured by class.',
    'figure scatter',
  );
  const q = (v: Float32Array, p: number) => Float32Array.from(v).sort()[Math.floor(p * (v.length - 1))]!;
  const box = { x0: q(x, 0.01), x1: q(x, 0.99), y0: q(y, 0.01), y1: q(y, 0.99) };
  const grid = await api.grid({ ...box, n: 20, runId: id });
  await still(
    'grid.png',
    renderGridSvg({ images: grid.images, n: grid.n, x: [box.x0, box.x1], y: [box.y0, box.y1] }, axis),
    'What the decoder draws across the latent plane: a 20 x 20 grid of decoded points.',
    'figure grid',
  );
  const [a, b] = firstTestIndices(dataset, 2);
  const interp = await api.interpolate({ from: a!, to: b!, steps: 10, runId: id });
  await still(
    'interpolation.png',
    renderInterpolationSvg({ latent: interp.latent, pixel: interp.pixel, mode: interp.mode, fromLabel: '#0', toLabel: '#1' }),
    'Ten steps between the first two test images: the decoded latent path over the pixel cross-fade.',
    'figure interpolation --from 0 --to 1',
  );
  const indices = firstTestIndices(dataset);
  const recon = await api.reconstruct({ indices, runId: id });
  await still(
    'reconstructions.png',
    renderReconstructionsSvg({
      originals: (await api.images({ indices })).images,
      reconstructions: recon.images,
      errors: recon.errors,
      labels: Uint8Array.from(indices, (i) => embedding.labels[i]!),
    }),
    'The first ten test images over their reconstructions, with the reconstruction error of each.',
    'figure reconstructions',
  );
  await still(
    'loss.png',
    renderLossSvg({ history: h!.history }, { yLabel: `${h!.loss.toUpperCase()} loss per pixel` }),
    'Train and test loss per epoch.',
    'figure loss',
  );
  const times = frameTimes(10);
  files[`${folder}/interpolation-anim.gif`] = await tools.gif(
    { count: 10, frame: (k) => renderInterpolationFrameSvg({ latent: interp.latent, pixel: interp.pixel }, times[k]!) },
    width,
    height,
  );
  entries.push({
    file: 'interpolation-anim.gif',
    caption: 'The first two test images: the decoded latent path beside the pixel cross-fade, t from 0 to 1.',
    command: 'latent-explorer animate interpolation --run <run dir> --from 0 --to 1 --frames 10 --out interpolation-anim.gif',
  });
  const replay = await api.runReplay({ id }).catch(() => null);
  if (replay) {
    files[`${folder}/replay.gif`] = await tools.gif(replayFrames(replay, '16:9', dataset.classNames), width, height);
    entries.push({
      file: 'replay.gif',
      caption: `Training replay: ${replay.labels.length} test images in the latent plane after each epoch, the loss curve growing.`,
      command: 'latent-explorer animate replay --run <run dir> --out replay.gif',
    });
  }
  files[`${folder}/index.html`] = new TextEncoder().encode(indexHtml(h!.name, entries));
  return { zip: zipSync(files, { level: 0 }), folder };
}

function indexHtml(name: string, entries: readonly Entry[]): string {
  const items = entries
    .map(
      (e) =>
        `<figure>\n  <img src="${esc(e.file)}" alt="${esc(e.caption)}">\n  <figcaption>${esc(e.caption)}<br><code>${esc(e.command)}</code></figcaption>\n</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Figures of ${esc(name)}</title>
<style>
body { font-family: Inter, Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1000px; color: #1f1f1f; }
figure { margin: 0 0 2.5rem; }
img { max-width: 100%; border: 1px solid #e6e6e6; }
figcaption { margin-top: .4rem; color: #5f5f5f; }
</style>
</head>
<body>
<h1>Figures of ${esc(name)}</h1>
<p>Each figure can be remade with the command under it (<code>&lt;run dir&gt;</code> is the run's folder in the runs library).</p>
${items}
</body>
</html>
`;
}
