/**
 * Import and export requests: a model trained elsewhere becomes a read-only run (`importModel`), a run leaves
 * as one zip (`exportRun`) and comes back in through the same checks as any import (`importRun`).
 */
import { ApiError, type BackendName, type RequestName } from '../pure/api/api.js';
import { RunError, RunImportError, installRun, runFilesFromZip, runFolder, toRunSummary, zipRun } from '../runs/index.js';
import type { DatasetIndex } from '../data/dataset-index.js';
import type { Handlers } from './host.js';
import { importModel } from './import-model.js';
import { importEmbeddings, MAX_OWN_CLASSES } from './import-embeddings.js';
import {
  checkImageCount,
  embeddingImagesFromIdx,
  EmbeddingFileError,
  parseEmbeddingCsv,
  parseEmbeddingNpy,
  type EmbeddingTable,
} from '../data/embedding-files.js';
import { DEFAULT_RUN_ID, type ModelCache } from './models.js';
import { errorMessage } from '../pure/errors.js';

export interface ImportOptions {
  runsDir: string;
  defaultRunDir?: string;
  dataFor: (datasetId: string) => Promise<DatasetIndex>;
  backend: () => BackendName;
  models: ModelCache;
}

export type ImportHandlers = Pick<Handlers, Extract<RequestName, 'importModel' | 'importEmbeddings' | 'exportRun' | 'importRun'>>;

export function importHandlers(opts: ImportOptions): ImportHandlers {
  return {
    importModel: async (req) => {
      const record = await importModel(req, opts);
      return toRunSummary(record, record.id);
    },

    importEmbeddings: async (req) => {
      const data = req.dataset ? await opts.dataFor(req.dataset) : null;
      const classes = data?.summary.classNames.length ?? MAX_OWN_CLASSES;
      let table: EmbeddingTable;
      let images: Uint8Array | null = null;
      try {
        table =
          req.format === 'csv'
            ? parseEmbeddingCsv(req.codes, classes)
            : parseEmbeddingNpy({ bytes: req.codes, name: req.fileName }, { bytes: req.labels!, name: 'the labels' }, classes);
        if (req.imagesIdx) images = embeddingImagesFromIdx(req.imagesIdx, 'the image file', table.count);
        if (req.imagePixels) images = checkImageCount(req.imagePixels, table.count);
      } catch (err) {
        if (err instanceof EmbeddingFileError) throw new ApiError('bad-request', `${req.fileName}: ${err.message}`);
        throw err;
      }
      const record = await importEmbeddings(table, {
        name: req.name,
        ...(data ? { datasetId: req.dataset, data } : { images }),
        runsDir: opts.runsDir,
        backend: opts.backend(),
        files: [req.fileName],
      });
      return toRunSummary(record, record.id);
    },

    exportRun: async ({ id }) => {
      const dir = id === DEFAULT_RUN_ID && opts.defaultRunDir ? opts.defaultRunDir : opts.models.dirOf(id);
      try {
        if (dir !== opts.defaultRunDir) await runFolder(opts.runsDir, id);
        return { name: `${id}.zip`, bytes: await zipRun(dir) };
      } catch (err) {
        if (err instanceof RunError && err.code === 'missing') throw new ApiError('not-found', `no run '${id}' in the runs library`);
        throw new ApiError('bad-request', `run '${id}' cannot be exported: ${errorMessage(err)}`);
      }
    },

    importRun: async ({ bytes }) => {
      try {
        const record = await installRun(opts.runsDir, runFilesFromZip(bytes));
        return toRunSummary(record, record.id);
      } catch (err) {
        if (err instanceof RunImportError) throw new ApiError('bad-request', `not opened: ${err.message}`);
        throw err;
      }
    },
  };
}
