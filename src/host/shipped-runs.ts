/**
 * Runs shipped with the app besides the default model: the lesson pack in `assets/lessons/<id>/`, one model per
 * lesson (see LESSON_PACK in src/pure/model/presets.ts), listed as `lesson-<id>`, read-only like the default run.
 */
import { join } from 'node:path';
import type { RunSummary } from '../pure/api/api.js';
import { LESSON_PACK, packRunId } from '../pure/model/presets.js';
import { readRunRecord, toRunSummary } from '../runs/index.js';

/** Run id -> folder of every pack model (present or not) under `lessonsDir`. */
export function lessonPackDirs(lessonsDir: string | undefined): ReadonlyMap<string, string> {
  if (!lessonsDir) return new Map();
  return new Map(LESSON_PACK.map((m) => [packRunId(m.id), join(lessonsDir, m.id)]));
}

/** Summaries of the pack models that are present and readable, in pack order, marked `shipped`. */
export async function shippedSummaries(dirs: ReadonlyMap<string, string>): Promise<RunSummary[]> {
  const read = await Promise.all(
    [...dirs].map(([id, dir]) =>
      readRunRecord(dir).then(
        // A pack model still being made (a checkpoint) is not offered.
        (record): RunSummary | null => (record.status === 'complete' ? { ...toRunSummary(record, id), shipped: true } : null),
        () => null,
      ),
    ),
  );
  return read.filter((s): s is RunSummary => s !== null);
}
