/** `latent-explorer import` and `export`: a PyTorch pair in, the run out as a zip, the zip back into another library. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { command as exportCommand } from '../../../src/commands/export.js';
import { command as importCommand } from '../../../src/commands/import.js';

const scratch = mkdtempSync(join(tmpdir(), 'lex-cli-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('import and export commands', () => {
  it('import --onnx-*, export, import --run', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const a = join(scratch, 'a');
      const b = join(scratch, 'b');
      const fixture = 'tests/fixtures/torch';
      expect(
        await importCommand.run([
          '--onnx-encoder',
          join(fixture, 'encoder.onnx'),
          '--onnx-decoder',
          join(fixture, 'decoder.onnx'),
          '--runs',
          a,
          '--name',
          'CLI AE',
        ]),
      ).toBe(0);
      const [id] = readdirSync(a);
      expect(id).toMatch(/^import-cli-ae-/);
      expect(log.mock.calls.at(-1)![0]).toMatch(/^imported CLI AE as run import-cli-ae-.* latent 2, test BCE 0\.\d{4}, 5-NN 0\.\d{3}$/);
      const zip = join(scratch, 'run.zip');
      expect(await exportCommand.run(['--run', id!, '--runs', a, '--out', zip])).toBe(0);
      expect(await importCommand.run(['--run', zip, '--runs', b])).toBe(0);
      expect(readdirSync(b)).toEqual([id]);

      expect(
        await importCommand.run([
          '--onnx-encoder',
          join(fixture, 'wrong-input.onnx'),
          '--onnx-decoder',
          join(fixture, 'decoder.onnx'),
          '--runs',
          b,
        ]),
      ).toBe(1);
      expect(error.mock.calls.at(-1)![0]).toBe('import: the encoder takes [n, 100]; expected [n, 784], [n, 28, 28, 1] or [n, 1, 28, 28]');
      expect(await importCommand.run(['--onnx-encoder', join(fixture, 'encoder.onnx'), '--runs', b])).toBe(2);
      expect(readdirSync(b)).toEqual([id]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('documents itself', () => {
    expect(importCommand.help).toContain('--onnx-encoder');
    expect(importCommand.help).toContain('--keras-encoder');
    expect(exportCommand.help).toContain('--out <file.zip>');
  });
});
