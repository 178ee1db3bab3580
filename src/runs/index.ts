/** The runs library on disk. */
export { RUN_VERSION, RunError, finiteOrNull, runRecordSchema, type RunErrorCode, type RunRecord } from './record.js';
export { RUN_JSON, saveRun, type SaveRunOptions } from './save.js';
export { checkRun, hasTrainState, loadLogVarHead, loadRun, readRunRecord, type LoadedRun } from './load.js';
export { deleteRun, listRuns, renameRun, updateRunRecord, type ListedRun, type RunListing } from './library.js';
export { restoreTrainState, saveTrainState } from './state.js';
export { toRunSummary } from './summary.js';
export { recoverRuns, type Recovery } from './recover.js';
export { runFolder } from './folder.js';
export { ONNX_DIR, ONNX_FILES, isOnnxRun, readOnnxGraphs, saveOnnxRun } from './imported.js';
export { importedSchema, type ImportedInfo } from './record.js';
export { RunImportError, installRun, runFilesFromFolder, runFilesFromZip, zipRun } from './zip.js';
export {
  CODES_FILE,
  IMAGES_FILE,
  LABELS_FILE,
  isEmbeddingsRun,
  readEmbeddingsRun,
  saveEmbeddingsRun,
  type OwnData,
} from './embeddings-run.js';
