import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/pure/api/api.js';
import { RUN_ERROR_CODES, runApiError } from '../../../src/host/run-errors.js';
import { RunError, readRunRecord, runFolder } from '../../../src/runs/index.js';

/** The RunError a real call throws. */
async function caught(work: () => Promise<unknown>): Promise<RunError> {
  const err = await work().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof RunError)) throw new Error(`expected a RunError, got ${String(err)}`);
  return err;
}

describe('runApiError maps run failures by code', () => {
  const root = mkdtempSync(join(tmpdir(), 'run-errors-'));
  mkdirSync(join(root, 'broken'));
  writeFileSync(join(root, 'broken', 'run.json'), '{ not json');
  const outside = mkdtempSync(join(tmpdir(), 'run-errors-outside-'));
  symlinkSync(outside, join(root, 'linked'));

  it('a missing run is not-found, named by id (no path)', async () => {
    const err = await caught(() => runFolder(root, 'nope'));
    expect(err.code).toBe('missing');
    const api = runApiError(err, 'nope');
    expect(api).toBeInstanceOf(ApiError);
    expect(api).toMatchObject({ code: 'not-found', message: "no run 'nope' in the runs library" });
  });

  it('a folder that is a link is refused as a bad request, whatever its message says', async () => {
    const err = await caught(() => runFolder(root, 'linked'));
    expect(err.code).toBe('refused');
    expect(runApiError(err, 'linked')).toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/^run 'linked' not a plain folder/),
    });
    // By code, not by text: the same code with other words maps the same way, and the word alone maps to nothing.
    expect(runApiError(new RunError('refused', root, 'no'), 'x').code).toBe('bad-request');
    expect(runApiError(new RunError('corrupt', root, 'refused'), 'x').code).toBe('not-found');
  });

  it('a corrupt record is not-found with its reason and without the folder path', async () => {
    const err = await caught(() => readRunRecord(join(root, 'broken')));
    expect(err.code).toBe('corrupt');
    const api = runApiError(err, 'broken');
    expect(api.code).toBe('not-found');
    expect(api.message).toMatch(/^run 'broken' cannot be read: run\.json is not valid JSON/);
    expect(api.message).not.toContain(root);
  });

  it('passes ApiErrors through, and every code has a mapping', () => {
    const own = new ApiError('busy', 'training');
    expect(runApiError(own, 'x')).toBe(own);
    expect(runApiError(new Error('disk on fire'), 'x')).toMatchObject({
      code: 'not-found',
      message: "run 'x' cannot be read: disk on fire",
    });
    expect(Object.keys(RUN_ERROR_CODES).sort()).toEqual(['corrupt', 'missing', 'refused', 'version']);
  });
});
