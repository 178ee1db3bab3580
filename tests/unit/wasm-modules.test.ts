/** The generated TypeScript modules of the hand-written WebAssembly match their .wat sources. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script modules without types
import { WASM_SOURCES, wasmModuleSource } from '../../scripts/build-wasm.mjs';

describe('the compiled wasm modules', () => {
  it('hold the bytes scripts/build-wasm.mjs compiles from their .wat sources (run `npm run build:wasm` after editing one)', async () => {
    expect(WASM_SOURCES.map((s: { wat: string }) => s.wat)).toEqual([
      'src/workers/parallel/adam.wat',
      'src/model/wasm-kernels/transpose.wat',
    ]);
    for (const { wat, out } of WASM_SOURCES as { wat: string; out: string }[]) {
      const built = (await wasmModuleSource(wat, readFileSync(wat, 'utf8'))) as string;
      expect(readFileSync(out, 'utf8')).toBe(built);
    }
  });
});
