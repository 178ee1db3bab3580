/**
 * What of the explorer survives a reload, and how it is read back: a stored value is untrusted (an older
 * version, a hand edit), so every field is checked and a bad one falls back to its default. Pure.
 */
import type { Domain } from './plot-mapping.js';
import type { Split } from './raster.js';

export interface SavedExplorer {
  runId: string | null;
  split: Split;
  hidden: number[];
  thumbnails: boolean;
  /** Decode probe in the latent plane. */
  probe: [number, number] | null;
  /** The two interpolation samples (dataset indices). */
  pair: [number | null, number | null];
  steps: number;
  gridN: number;
  /** The latent region in view. */
  view: Domain | null;
  /** The run `view` was saved for: another run's region is not restored (its codes may lie anywhere). */
  viewRun: string | null;
  tab: 'explore' | 'compare';
  compare: [string | null, string | null];
  /** Sample selected in the compare view. */
  compareIndex: number | null;
}

export const defaults: SavedExplorer = {
  runId: null,
  split: 'all',
  hidden: [],
  thumbnails: true,
  probe: null,
  pair: [null, null],
  steps: 10,
  gridN: 20,
  view: null,
  viewRun: null,
  tab: 'explore',
  compare: [null, null],
  compareIndex: null,
};

export const STORAGE_KEY = 'latent-explorer:explorer:v1';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isIndex = (v: unknown): v is number => isNum(v) && Number.isInteger(v) && v >= 0;
const intIn = (v: unknown, lo: number, hi: number, d: number) => (isNum(v) && Number.isInteger(v) && v >= lo && v <= hi ? v : d);
const idOrNull = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);

/** Parse a stored JSON string into a complete state; anything missing or malformed takes its default. */
export function parseSaved(json: string | null): SavedExplorer {
  let raw: Record<string, unknown>;
  try {
    raw = json ? JSON.parse(json) : {};
    if (typeof raw !== 'object' || raw === null) raw = {};
  } catch {
    raw = {};
  }
  const v = raw.view as Record<string, unknown> | undefined;
  const view =
    v && isNum(v.x0) && isNum(v.x1) && isNum(v.y0) && isNum(v.y1) && v.x1 > v.x0 && v.y1 > v.y0
      ? { x0: v.x0, x1: v.x1, y0: v.y0, y1: v.y1 }
      : null;
  const probe = Array.isArray(raw.probe) && raw.probe.length === 2 && raw.probe.every(isNum) ? (raw.probe as [number, number]) : null;
  const pair = Array.isArray(raw.pair) && raw.pair.length === 2 ? raw.pair.map((p) => (isIndex(p) ? p : null)) : [null, null];
  const compare = Array.isArray(raw.compare) && raw.compare.length === 2 ? raw.compare.map(idOrNull) : [null, null];
  return {
    runId: idOrNull(raw.runId),
    split: raw.split === 'train' || raw.split === 'test' ? raw.split : 'all',
    hidden: Array.isArray(raw.hidden) ? [...new Set(raw.hidden.filter((c) => isIndex(c) && c < 32) as number[])] : [],
    thumbnails: typeof raw.thumbnails === 'boolean' ? raw.thumbnails : defaults.thumbnails,
    probe,
    pair: pair as [number | null, number | null],
    steps: intIn(raw.steps, 2, 64, defaults.steps),
    gridN: intIn(raw.gridN, 2, 60, defaults.gridN),
    view,
    viewRun: idOrNull(raw.viewRun),
    tab: raw.tab === 'compare' ? 'compare' : 'explore',
    compare: compare as [string | null, string | null],
    compareIndex: isIndex(raw.compareIndex) ? raw.compareIndex : null,
  };
}

/** Shift-click logic: the first pick sets A, the second B, a third starts a new pair at A. */
export function nextPair(pair: readonly [number | null, number | null], index: number): [number | null, number | null] {
  const [a, b] = pair;
  return a === null || b !== null ? [index, null] : [a, index];
}
