/** The dataset of a run folder the CLI was pointed at, through the one resolver (src/data/run-dataset.ts). */
import { dirname, resolve } from 'node:path';
import { indexDataset, type DatasetIndex } from '../data/dataset-index.js';
import { loadRunDataset } from '../data/run-dataset.js';
import { resolveRunsDir } from '../host/config.js';

/**
 * The dataset run `runDir` was trained on, indexed in the one sample numbering. Imported sets are looked up in
 * the runs library the run sits in, then in the configured one (`$LATENT_EXPLORER_RUNS` or the default).
 * @throws RunDatasetError naming a dataset that is unknown or gone.
 */
export async function runDatasetIndex(runDir: string, datasetId: string): Promise<DatasetIndex> {
  const runsDirs = [dirname(resolve(runDir)), resolveRunsDir([], process.env)];
  return indexDataset(await loadRunDataset(datasetId, { runsDirs }));
}
