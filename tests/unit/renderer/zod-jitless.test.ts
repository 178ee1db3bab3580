import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe("the page's zod configuration", () => {
  it('is jitless once the entry has imported it, so no eval probe runs under the CSP', async () => {
    await import('../../../renderer/zod-jitless.js');
    expect(z.config().jitless).toBe(true);
    // Parsing still works (and validates) without the JIT.
    const schema = z.object({ a: z.number(), b: z.string() });
    expect(schema.parse({ a: 1, b: 'x' })).toEqual({ a: 1, b: 'x' });
    expect(() => schema.parse({ a: 'no' })).toThrow();
  });

  it('the entry imports it before anything else', async () => {
    const { readFileSync } = await import('node:fs');
    const entry = readFileSync(new URL('../../../renderer/main.ts', import.meta.url), 'utf8');
    const firstImport = entry.split('\n').find((l) => l.startsWith('import '));
    expect(firstImport).toBe("import './zod-jitless.js';");
  });
});
