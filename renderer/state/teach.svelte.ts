/**
 * State shared by the lessons: which lesson is open (kept across reloads), the runs library listing (refreshed
 * when a training ends), each run's loss (the loss lesson pairs runs by it), and the runs each lesson shows.
 * One exported object, never reassigned (Svelte rule for exported state).
 */
import type { DatasetSummary, RunSummary, Unsubscribe } from '../../src/pure/api/api.js';
import { api, app } from './app.svelte.js';

const STORAGE_KEY = 'latent-explorer.lesson';

function stored(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? 'reconstructions';
  } catch {
    return 'reconstructions';
  }
}

export const teach = $state({
  lesson: stored(),
  runs: [] as RunSummary[],
  /** Run id -> its loss (`bce` | `mse`), from `runConfig`. */
  // Replaced wholesale by refreshRuns, never mutated in place.

  losses: new Map<string, string>() as ReadonlyMap<string, string>,
  /** Chosen runs per lesson slot (e.g. `kernels.a`), null until chosen or defaulted. */
  chosen: {} as Record<string, string | null>,
  loaded: false,
  /** The datasets runs were trained on, for their class names. */
  datasets: [] as DatasetSummary[],
});

/** Class names of run `runId`'s dataset (label numbers when unknown). */
export function classNamesOf(runId: string | null): readonly string[] | null {
  const dataset = teach.runs.find((r) => r.id === runId)?.dataset;
  return teach.datasets.find((d) => d.id === dataset)?.classNames ?? null;
}

export function openLesson(id: string): void {
  teach.lesson = id;
  try {
    localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Storage disabled: the choice lasts for this page.
  }
}

/** Lists the runs again and learns the loss of any run not seen before. */
export async function refreshRuns(): Promise<void> {
  const [runs, datasets] = await Promise.all([api.listRuns(), api.listDatasets().catch(() => [] as DatasetSummary[])]);
  teach.datasets = datasets;
  const losses = new Map(teach.losses);
  await Promise.all(
    runs
      .filter((r) => !losses.has(r.id))
      .map(async (r) => losses.set(r.id, (await api.runConfig({ id: r.id }).catch(() => null))?.loss ?? '')),
  );
  teach.losses = losses;
  teach.runs = runs;
  teach.loaded = true;
}

/** The run of slot `key`: the chosen one while it is still listed, else `fallback()`. */
export function runFor(key: string, fallback: () => string | null): string | null {
  const chosen = teach.chosen[key];
  if (chosen && teach.runs.some((r) => r.id === chosen)) return chosen;
  return fallback();
}

/** The run the rest of the app has open, as a lesson's last resort. */
export function currentRunId(): string | null {
  return app.info?.run?.id ?? null;
}

/** Lists the runs again after every training (called once by `startState`); returns the stop function. */
export function followRuns(): Unsubscribe {
  return api.onDidTrainEnd(() => void refreshRuns().catch(() => {}));
}
