/** How the runs library shows a run's numbers. Pure. */
import type { RunSummary } from '../../../src/pure/api/api.js';
import { formatDuration, formatLoss } from '../studio/progress.js';
import { formatParams } from '../../../src/pure/model/params.js';

/** `23 Nov 2026, 15:02` in `locale`. */
export function formatDate(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '–';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** 5-NN accuracy as a percentage, `–` when unknown. */
export function formatKnn(knn: number | null): string {
  return knn == null ? '–' : `${(knn * 100).toFixed(1)} %`;
}

/**
 * `dense · 2-D`; an imported run by its format (its architecture is whatever was trained elsewhere): `ONNX · 2-D`;
 * codes made elsewhere, which have no model: `codes · 2-D`.
 */
export function formatArch(run: Pick<RunSummary, 'arch' | 'latent' | 'imported' | 'codesOnly'>): string {
  const kind = run.imported === 'onnx' ? 'ONNX' : run.imported === 'tfjs-layers' ? 'TF.js Layers' : run.codesOnly ? 'codes' : run.arch;
  return `${kind} · ${run.latent}-D`;
}

/** The cells of a run's row, formatted. */
export function runCells(run: RunSummary, locale: string) {
  return {
    arch: formatArch(run),
    params: run.params ? formatParams(run.params) : '–',
    dataset: run.dataset,
    date: formatDate(run.createdAt, locale),
    testLoss: formatLoss(run.testLoss),
    knn: formatKnn(run.knn),
    // An imported PyTorch model runs on onnxruntime, whatever TF.js backend the engine has.
    backend: run.imported === 'onnx' ? 'onnxruntime' : run.backend,
    duration: formatDuration(run.durationMs / 1000),
  };
}

/** A trimmed new name, or null when it is empty, too long, or unchanged. */
export function acceptName(input: string, old: string): string | null {
  const name = input.trim();
  return name.length === 0 || name.length > 80 || name === old ? null : name;
}
