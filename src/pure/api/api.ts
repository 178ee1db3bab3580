/**
 * The one contract between the UI and the engine. Both transports (Electron MessagePort, WebSocket in serve
 * mode) are generated from `requestSchemas` and `EVENT_NAMES`: no second list of channels exists anywhere.
 * Pure module: no Node, no DOM, so the renderer imports it too.
 */
import { z } from 'zod';
import { IMAGE_PIXELS, IMAGE_SIDE } from '../data/image.js';
import { LOSSES } from '../model/types.js';
import { MAX_IMPORT_IMAGES, trainConfigSchema, trainDataset, type TrainConfig } from './train-config.js';
import { CORRUPTIONS } from './api-types.js';
import { INPUT_LAYOUTS, OUTPUT_KINDS, PIXEL_RANGES } from '../import/convention.js';
import type { ReplayData, RunHistory } from './figure-types.js';
import type { ClassCentroids, InpaintReport, LatentKl, LatentPlaneView, TransformPath } from './latent-types.js';
import { latentRequestSchemas } from './latent-requests.js';
import {
  MAX_COMPARE_RUNS,
  MAX_DECODE_POINTS,
  MAX_GRID,
  MAX_IMAGES,
  MAX_IMPORT_BYTES,
  MAX_KERNEL_PAGE,
  MAX_REPORT,
  MAX_SENSITIVITY,
  MAX_STEPS,
} from './limits.js';
import { finite, finiteFloats, index, runId } from './schema-parts.js';
import type {
  CheckpointSummary,
  DatasetSummary,
  DenoiseResult,
  Embedding,
  EngineInfo,
  Interpolation,
  KernelPage,
  PcaComparison,
  ReconstructionReport,
  RunSummary,
  SensitivityMap,
  TrainEnd,
  TrainProgress,
  TrainingState,
} from './api-types.js';

export * from './api-types.js';
export * from './train-config.js';
export type { ReplayData, RunHistory } from './figure-types.js';
export * from './latent-types.js';
export * from './limits.js';

/** Size of one MNIST image in pixels. */
export { IMAGE_PIXELS, IMAGE_SIDE };
export type Unsubscribe = () => void;

/** Every failure crosses the transports as this, never as a thrown Error object. */
export interface ApiErrorBody {
  code: 'bad-request' | 'unknown-method' | 'no-model' | 'busy' | 'not-found' | 'internal';
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A run id is a plain folder name: letters, digits, `.`, `_`, `-`; never a path, never `..`. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** Whether `id` can name a run folder (the UI sends ids only, never filesystem paths). */
export function isRunId(id: string): boolean {
  return RUN_ID_PATTERN.test(id) && !id.includes('..');
}

const runRef = z.string().min(1).max(200).refine(isRunId, 'must be a run id (a folder name: no slashes, no "..", not a path)');

const none = z.undefined();
const bytesFile = z
  .instanceof(Uint8Array)
  .refine((a) => a.length > 0 && a.length <= MAX_IMPORT_BYTES, 'a non-empty file of at most 100 MB');

/** One zod schema per request method: the transports validate every incoming request with these. */
export const requestSchemas = {
  info: none,
  listRuns: none,
  openRun: z.object({ id: z.string().min(1).max(200) }).strict(),
  embedding: z.object({ runId }).strict().optional(),
  /** Images by sample number, from the dataset of run `runId` (of the current run when absent). */
  images: z
    .object({ indices: z.instanceof(Uint32Array).refine((a) => a.length <= MAX_IMAGES, `at most ${MAX_IMAGES} images`), runId })
    .strict(),
  decode: z.object({ points: finiteFloats(MAX_DECODE_POINTS, 2), runId }).strict(),
  encode: z
    .object({ image: z.instanceof(Uint8Array).refine((a) => a.length === IMAGE_PIXELS, `image must have ${IMAGE_PIXELS} pixels`), runId })
    .strict(),
  reconstruct: z
    .object({ indices: z.instanceof(Uint32Array).refine((a) => a.length <= MAX_IMAGES, `at most ${MAX_IMAGES} images`), runId })
    .strict(),
  interpolate: z.object({ from: index, to: index, steps: z.number().int().min(2).max(MAX_STEPS), runId }).strict(),
  grid: z.object({ x0: finite, x1: finite, y0: finite, y1: finite, n: z.number().int().min(1).max(MAX_GRID), runId }).strict(),
  startTraining: z.object({ config: trainConfigSchema }).strict(),
  pauseTraining: none,
  resumeTraining: none,
  cancelTraining: none,
  renameRun: z.object({ id: runRef, name: z.string().trim().min(1).max(80) }).strict(),
  deleteRun: z.object({ id: runRef }).strict(),
  runConfig: z.object({ id: runRef }).strict(),
  listCheckpoints: none,
  resumeRun: z.object({ id: runRef, epochs: z.number().int().min(1).max(1000).optional() }).strict(),
  listDatasets: none,
  importDataset: z
    .object({
      /** Display name; the id is derived from it. */
      name: z.string().trim().min(1).max(40),
      images: z
        .instanceof(Uint8Array)
        .refine((a) => a.length > 0 && a.length % IMAGE_PIXELS === 0, `a whole number of ${IMAGE_PIXELS}-pixel images`),
      labels: z.instanceof(Uint8Array).refine((a) => a.length >= 2 && a.length <= MAX_IMPORT_IMAGES, `2..${MAX_IMPORT_IMAGES} images`),
      /** Class names, index = label. */
      classNames: z.array(z.string().min(1).max(40)).min(1).max(64),
    })
    .strict()
    .refine((r) => r.images.length === r.labels.length * IMAGE_PIXELS, 'one label per image')
    .refine((r) => r.labels.every((l) => l < r.classNames.length), 'every label must name a class'),
  kernels: z
    .object({ runId, page: z.number().int().nonnegative().optional(), pageSize: z.number().int().min(1).max(MAX_KERNEL_PAGE).optional() })
    .strict()
    .optional(),
  denoise: z
    .object({
      index,
      kind: z.enum(CORRUPTIONS),
      /** dropout: probability a pixel is zeroed; gaussian: noise std dev on 0..1 pixels. */
      level: z.number().min(0).max(1),
      /** 784 bytes, 1 where a grey patch is painted over the (noised) image. */
      mask: z
        .instanceof(Uint8Array)
        .refine((a) => a.length === IMAGE_PIXELS, `mask must have ${IMAGE_PIXELS} entries`)
        .optional(),
      seed: z.number().int().nonnegative().optional(),
      runId,
    })
    .strict(),
  pcaCompare: z
    .object({
      runId,
      /** Train images PCA is fitted on. */
      fit: z.number().int().min(100).max(MAX_REPORT).optional(),
      /** Test images scattered and scored. */
      points: z.number().int().min(1).max(MAX_REPORT).optional(),
      /** Test images in the strips. */
      strip: z.number().int().min(1).max(32).optional(),
    })
    .strict()
    .optional(),
  importModel: z
    .object({
      /** Display name of the new run. */
      name: z.string().trim().min(1).max(80),
      /** `onnx`: one graph per part (PyTorch); `tfjs-layers`: model.json plus its weight shards per part (Keras). */
      format: z.enum(['onnx', 'tfjs-layers']),
      files: z
        .array(
          z
            .object({
              part: z.enum(['encoder', 'decoder']),
              name: z.string().min(1).max(200),
              bytes: z
                .instanceof(Uint8Array)
                .refine((a) => a.length > 0 && a.length <= MAX_IMPORT_BYTES, 'a non-empty file of at most 100 MB'),
            })
            .strict(),
        )
        .min(2)
        .max(32),
      /** The dataset the model was trained on (its images are encoded for the explorer); MNIST when absent. */
      dataset: trainDataset.optional(),
      /** Detected from the graphs and a probe where absent (the pixel range defaults to [0, 1]). */
      layout: z.enum(INPUT_LAYOUTS).optional(),
      range: z.enum(PIXEL_RANGES).optional(),
      output: z.enum(OUTPUT_KINDS).optional(),
    })
    .strict(),
  /**
   * Codes made elsewhere as an embeddings run (no model): a CSV (labels in a `label` column or first), or a
   * `.npy` of codes with a `.npy` of labels. With `dataset`, one code per image of that dataset, train then
   * test; without, codes of any count with their own labels, and optionally their own images: an IDX file of
   * `[n, 28, 28]` bytes (`imagesIdx`) or `n * 784` grey bytes the page decoded (`imagePixels`), one per code.
   */
  importEmbeddings: z
    .object({
      name: z.string().trim().min(1).max(80),
      format: z.enum(['csv', 'npy']),
      fileName: z.string().min(1).max(200),
      codes: bytesFile,
      /** `.npy` only: the labels. */
      labels: bytesFile.optional(),
      dataset: trainDataset.optional(),
      imagesIdx: bytesFile.optional(),
      imagePixels: bytesFile.optional(),
    })
    .strict()
    .refine((r) => r.format === 'csv' || r.labels, 'a .npy of codes goes with a .npy of labels')
    .refine((r) => !(r.imagesIdx && r.imagePixels), 'one source of images')
    .refine((r) => !r.dataset || !(r.imagesIdx || r.imagePixels), "codes of a dataset's images bring no images of their own"),
  /** A library run as one `.zip` file, to hand on. */
  exportRun: z.object({ id: z.string().min(1).max(200) }).strict(),
  /** A run `.zip` (from `exportRun`) into the library, under a new id. */
  importRun: z
    .object({
      bytes: z.instanceof(Uint8Array).refine((a) => a.length > 0 && a.length <= MAX_IMPORT_BYTES, 'a non-empty file of at most 100 MB'),
    })
    .strict(),
  reconstructionReport: z
    .object({
      runId,
      split: z.enum(['train', 'test']),
      limit: z.number().int().min(1).max(MAX_REPORT).optional(),
      metric: z.enum(LOSSES).optional(),
    })
    .strict(),
  /** Loss histories of runs, for figures that compare runs. */
  runHistories: z.object({ ids: z.array(runRef).min(1).max(MAX_COMPARE_RUNS) }).strict(),
  /** A run's training replay; `not-found` for runs trained before replays were recorded. */
  runReplay: z.object({ id: runRef }).strict(),
  ...latentRequestSchemas(),
  /** How strongly the code responds to each input pixel (the contractive lesson). */
  sensitivity: z.object({ runId, count: z.number().int().min(1).max(MAX_SENSITIVITY).optional() }).strict(),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestOf<K extends RequestName> = z.infer<(typeof requestSchemas)[K]>;

/** What each request resolves to. */
export interface ResponseMap {
  info: EngineInfo;
  listRuns: RunSummary[];
  openRun: RunSummary;
  embedding: Embedding;
  images: { images: Uint8Array };
  decode: { images: Uint8Array };
  encode: { point: Float32Array; reconstruction: Uint8Array };
  reconstruct: { images: Uint8Array; errors: Float32Array };
  interpolate: Interpolation;
  grid: { images: Uint8Array; n: number };
  startTraining: { runId: string };
  pauseTraining: TrainingState | null;
  resumeTraining: TrainingState | null;
  cancelTraining: TrainingState | null;
  renameRun: RunSummary;
  deleteRun: { id: string };
  runConfig: TrainConfig;
  listCheckpoints: CheckpointSummary[];
  resumeRun: { runId: string };
  listDatasets: DatasetSummary[];
  importDataset: DatasetSummary;
  kernels: KernelPage;
  denoise: DenoiseResult;
  pcaCompare: PcaComparison;
  reconstructionReport: ReconstructionReport;
  importModel: RunSummary;
  importEmbeddings: RunSummary;
  exportRun: { name: string; bytes: Uint8Array };
  importRun: RunSummary;
  runHistories: RunHistory[];
  runReplay: ReplayData;
  latentCodes: { codes: Float32Array; d: number };
  latentPlane: LatentPlaneView;
  decodeLatent: { images: Uint8Array };
  encodeLatent: { codes: Float32Array; d: number };
  classCentroids: ClassCentroids;
  priorSamples: { codes: Float32Array; images: Uint8Array };
  latentKl: LatentKl;
  transformPath: TransformPath;
  inpaint: InpaintReport;
  classifierInfo: { dataset: string; available: boolean; accuracy: number | null; weights: number | null };
  classifyCodes: { labels: Uint8Array; confidence: Float32Array };
  sensitivity: SensitivityMap;
}

/** Events the engine pushes, by name. */
export interface EventMap {
  trainProgress: TrainProgress;
  trainEnd: TrainEnd;
  /** A fresh embedding while training (a subset: `x`, `y`, `labels` of `indices`) or after opening a run. */
  embeddingUpdate: Embedding & { indices?: Uint32Array };
  /** The engine process died and was restarted (Electron only). */
  engineRestart: { reason: string };
}
export const EVENT_NAMES = ['trainProgress', 'trainEnd', 'embeddingUpdate', 'engineRestart'] as const satisfies readonly (keyof EventMap)[];
export type EventName = (typeof EVENT_NAMES)[number];

export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];

type Capitalised<S extends string> = S extends `${infer H}${infer T}` ? `${Uppercase<H>}${T}` : S;

/** The API as the UI sees it: one promise-returning method per request, one `onDidX` per event. */
export type ExplorerApi = {
  [K in RequestName]: undefined extends RequestOf<K>
    ? (req?: RequestOf<K>) => Promise<ResponseMap[K]>
    : (req: RequestOf<K>) => Promise<ResponseMap[K]>;
} & {
  [E in EventName as `onDid${Capitalised<E>}`]: (listener: (event: EventMap[E]) => void) => Unsubscribe;
};

/** `trainProgress` -> `onDidTrainProgress`. */
export function listenerName<E extends EventName>(event: E): `onDid${Capitalised<E>}` {
  return `onDid${event[0].toUpperCase()}${event.slice(1)}` as `onDid${Capitalised<E>}`;
}

/** A command from the Electron app menu, delivered to the renderer. */
export type MenuCommand =
  | { kind: 'openRun'; /** Run id inside the runs library. */ id: string }
  | { kind: 'exportFigure' }
  /** A run folder chosen outside the library, zipped by main: it goes through the import flow (`importRun`). */
  | { kind: 'importRun'; name: string; bytes: Uint8Array<ArrayBuffer> }
  | { kind: 'language'; /** BCP 47 base tag, e.g. `es`. */ locale: string };

/** What the Electron preload exposes besides the API (`window.explorerShell`); absent in serve mode. */
export interface ShellApi {
  onMenu(listener: (command: MenuCommand) => void): Unsubscribe;
}
