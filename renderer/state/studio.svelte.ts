/**
 * The training studio's state, kept while the user switches tabs: the form draft, the run in progress, its
 * loss curves and the latest subset positions. Engine events are followed from `startState` on (a training
 * started elsewhere, or before a reload, still shows). One exported object, never reassigned (Svelte rule).
 */
import type { DatasetSummary, RunSummary, TrainConfig, TrainEnd, Unsubscribe } from '../../src/pure/api/api.js';
import { PRESETS } from '../../src/pure/model/presets.js';
import { toDraft, type Draft } from '../lib/studio/form.js';
import type { LossPoint } from '../lib/studio/loss-chart.js';
import { epochPosition } from '../lib/studio/progress.js';
import { toFrame, type Frame } from '../lib/studio/tween.js';
import { api, app, refreshInfo } from './app.svelte.js';
import { errorMessage } from '../../src/pure/errors.js';

export type StudioStatus = 'idle' | 'starting' | 'running' | 'paused' | TrainEnd['outcome'];

/** The preset the form starts from: small and quick, so a first training finishes in a minute. */
export const DEFAULT_PRESET = 'course-denoising';

function presetDraft(id: string): Draft {
  const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0]!;
  return toDraft(preset.config);
}

export const studio = $state({
  presetId: DEFAULT_PRESET,
  draft: presetDraft(DEFAULT_PRESET),
  runId: null as string | null,
  status: 'idle' as StudioStatus,
  /** Why the last run stopped (divergence, failure), for people. */
  message: null as string | null,
  /** The run the last training saved. */
  saved: null as RunSummary | null,
  train: [] as LossPoint[],
  test: [] as LossPoint[],
  epochs: 1,
  /** Latest positions of the shown subset; replaced wholesale (typed arrays, not proxied). */
  frame: null as Frame | null,
  /** Counts embedding updates received for this run (tests and the scatter's fade-in read it). */
  updates: 0,
  /** Dataset of the run shown (its legend's classes); null when unknown (a run adopted after a reload). */
  trainedOn: null as string | null,
  /** Datasets a run can train on: built-in and imported. */
  datasets: [] as DatasetSummary[],
});

/** Asks the engine for the datasets again (after an import). */
export async function refreshDatasets(): Promise<void> {
  try {
    studio.datasets = await api.listDatasets();
  } catch (err) {
    console.error('latent-explorer: listDatasets failed', err);
  }
}

/** Loads a preset (or a run's settings) into the form. */
export function loadPreset(id: string): void {
  studio.presetId = id;
  studio.draft = presetDraft(id);
}

/** Puts `config` into the form (duplicate-settings-and-retrain) and shows the studio. */
export function loadConfig(config: TrainConfig): void {
  studio.presetId = '';
  studio.draft = toDraft(config);
  app.view = 'training';
}

function reset(runId: string, epochs: number): void {
  Object.assign(studio, {
    runId,
    status: 'running',
    message: null,
    saved: null,
    train: [],
    test: [],
    epochs,
    frame: null,
    updates: 0,
    trainedOn: null,
  });
}

/** Starts a training of `config`. @throws the engine's refusal (e.g. busy). */
export async function startRun(config: TrainConfig): Promise<void> {
  studio.status = 'starting';
  try {
    const { runId } = await api.startTraining({ config });
    reset(runId, config.epochs);
    studio.trainedOn = config.dataset ?? 'mnist';
  } catch (err) {
    studio.status = 'failed';
    studio.message = errorMessage(err);
  }
}

/** Continues an interrupted run from its checkpoint. */
export async function resumeCheckpoint(id: string, epochs: number): Promise<void> {
  const { runId } = await api.resumeRun({ id });
  reset(runId, epochs);
  app.view = 'training';
}

export async function pause(): Promise<void> {
  const s = await api.pauseTraining();
  if (s) studio.status = s.status;
}

export async function resume(): Promise<void> {
  const s = await api.resumeTraining();
  if (s) studio.status = s.status;
}

export async function cancel(): Promise<void> {
  await api.cancelTraining();
}

const ours = (runId: string) => {
  // A training this page did not start (another tab, or before a reload) is adopted on its first event.
  if (studio.runId === null || (studio.status !== 'running' && studio.status !== 'paused' && studio.status !== 'starting')) {
    if (studio.runId !== runId) reset(runId, 1);
  }
  return studio.runId === runId;
};

/** Follows the engine's training events (called once by `startState`); returns the stop function. */
export function followTraining(): Unsubscribe {
  const offs = [
    api.onDidTrainProgress((p) => {
      if (!ours(p.runId)) return;
      studio.epochs = p.epochs;
      if (studio.status !== 'paused') studio.status = 'running';
      // Epoch events repeat the epoch's last position with the epoch mean: the train curve keeps batch windows only.
      if (p.kind === 'batch') studio.train.push({ x: epochPosition(p), y: p.loss });
      else if (p.testLoss !== undefined) studio.test.push({ x: p.epoch, y: p.testLoss });
    }),
    api.onDidEmbeddingUpdate((e) => {
      if (e.runId !== studio.runId || studio.status === 'idle') return;
      studio.frame = toFrame(e, studio.frame?.indices ?? null);
      studio.updates += 1;
    }),
    api.onDidTrainEnd((end) => {
      if (end.runId !== studio.runId) return;
      studio.status = end.outcome;
      studio.message = end.message ?? null;
      studio.saved = end.run ?? null;
      void refreshInfo();
    }),
  ];
  return () => offs.forEach((off) => off());
}
