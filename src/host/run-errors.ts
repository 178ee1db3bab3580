/**
 * The one place a run folder's failure becomes an API error: by the `RunError` code, never by its message text.
 * The folder path stays out of the answer (the page names runs by id).
 */
import { ApiError, type ApiErrorBody } from '../pure/api/api.js';
import { errorMessage } from '../pure/errors.js';
import { RunError, type RunErrorCode } from '../runs/index.js';

/** The API code of each run failure: a refused folder is the caller's fault, the rest mean "no usable run here". */
export const RUN_ERROR_CODES: Readonly<Record<RunErrorCode, ApiErrorBody['code']>> = {
  missing: 'not-found',
  corrupt: 'not-found',
  version: 'not-found',
  refused: 'bad-request',
};

/** The API error for run `id` failing with `err` (an `ApiError` passes through as it is). */
export function runApiError(err: unknown, id: string): ApiError {
  if (err instanceof ApiError) return err;
  if (!(err instanceof RunError)) return new ApiError('not-found', `run '${id}' cannot be read: ${errorMessage(err)}`);
  const code = RUN_ERROR_CODES[err.code];
  if (err.code === 'missing') return new ApiError(code, `no run '${id}' in the runs library`);
  if (err.code === 'refused') return new ApiError(code, `run '${id}' ${err.reason}`);
  return new ApiError(code, `run '${id}' cannot be read: ${err.reason}`);
}
