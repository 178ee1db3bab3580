/** Suffixes that mark folders of the runs library which are not runs (yet, or any more); never listed. */

/** A folder being written by `saveRun`: complete once its run.json exists. */
export const TMP_MARK = '.tmp-';
/** The previous version of a run being replaced by `saveRun`. */
export const OLD_MARK = '.old-';
/** A run being deleted. */
export const DELETED_MARK = '.deleted-';
