/** Numbers of a training in progress as the progress bar shows them. Pure. */
import type { TrainProgress } from '../../../src/pure/api/api.js';

/** Fraction of the whole run done, 0..1 (epochs before this one count in full). */
export function fractionDone(p: Pick<TrainProgress, 'epoch' | 'epochs' | 'batch' | 'batches'>): number {
  if (p.epochs <= 0 || p.batches <= 0) return 0;
  return Math.min(1, Math.max(0, (p.epoch - 1 + p.batch / p.batches) / p.epochs));
}

/** Seconds as `1 h 02 min`, `3 min 05 s` or `42 s`; `…` while unknown. */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '…';
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A loss for people: 4 significant digits, `–` when unknown. */
export function formatLoss(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '–' : value.toPrecision(4);
}

/** Where on the x axis (in epochs, 0..epochs) a progress event lies. */
export function epochPosition(p: Pick<TrainProgress, 'epoch' | 'batch' | 'batches'>): number {
  return p.epoch - 1 + p.batch / Math.max(1, p.batches);
}
